import { useState } from 'preact/hooks';
import type { RateCard } from '../../lib/landed/rate-card';
import { saveUserRateCard, type CardError } from '../../lib/landed/store';
import { ErrorList } from './ErrorList';
import { messageOf } from './format';
import type { SectionProps } from './services';

/** One card as JSON in a text area: saved as the user's own card only when it validates. */
export function RateCardEditor({ card, services, t, onSaved, onCancel }: Pick<SectionProps, 'services' | 't'> & { card: RateCard; onSaved(id: string): void; onCancel(): void }) {
  const [text, setText] = useState(() => JSON.stringify(card, null, 2));
  const [errors, setErrors] = useState<CardError[]>([]);
  const save = async () => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      setErrors([{ index: -1, path: '', message: t('notJson', { message: messageOf(error) }) }]);
      return;
    }
    const result = await saveUserRateCard(raw, services.db, services.now());
    if (result.ok) onSaved(result.imported[0]!);
    else setErrors(result.errors);
  };
  const id = `editor-${card.id}`;
  return (
    <div class="zc-editor">
      <label for={id} class="zc-stacked">
        {t('editorLabel', { id: card.id })}
      </label>
      <textarea id={id} value={text} rows={18} spellcheck={false} onInput={(event) => setText(event.currentTarget.value)} />
      {errors.length > 0 && (
        <ErrorList
          heading={t('cardInvalid', { count: errors.length })}
          items={errors.map((error) => ({ where: error.id ?? card.id, path: error.path, message: error.message }))}
          t={t}
          testId="editor-errors"
        />
      )}
      <div class="zc-buttons">
        <button type="button" onClick={() => void save()}>
          {t('saveCard')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
