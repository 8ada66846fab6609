import { useState } from 'preact/hooks';
import { useBuyStrings } from './buy-strings';

/** Copies `text` to the clipboard and says so; where the clipboard is refused it says how to copy by hand. */
export function CopyButton({ text, label, testId }: { text: string; label?: string; testId?: string }) {
  const t = useBuyStrings();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <>
      <button type="button" onClick={copy} data-testid={testId}>
        {state === 'copied' ? t('copied') : (label ?? t('copy'))}
      </button>
      {state === 'failed' && (
        <span role="alert" class="zc-error">
          {t('copyFailed')}
        </span>
      )}
    </>
  );
}
