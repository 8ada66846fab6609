import { useState } from 'preact/hooks';
import { typedProduct, type NoteProduct } from '../../lib/popup/products';
import { usePopupEnv } from './env';

/** "embroidered hoodie" → 刺绣卫衣: a product of the user's own, searched and quoted like the note's. */
export function EnglishQuery({ onQuery }: { onQuery: (product: NoteProduct) => void }) {
  const { t, connector } = usePopupEnv();
  const [text, setText] = useState('');
  const [untranslated, setUntranslated] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: Event) => {
    event.preventDefault();
    const english = text.trim();
    if (!english) return;
    // The glossary and the category names live in the background.
    connector.send('query:translate', { english }).then(
      ({ query, untranslated: left }) => {
        setError(undefined);
        setUntranslated(left);
        if (query) onQuery(typedProduct(english, query));
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return (
    <form class="zc-query" onSubmit={submit} role="search">
      <label for="zc-english-query">{t('englishQuery')}</label>
      <div class="zc-row">
        <input
          id="zc-english-query"
          type="search"
          value={text}
          placeholder={t('englishPlaceholder')}
          onInput={(event) => setText(event.currentTarget.value)}
          autocomplete="off"
          maxLength={200}
          lang="en"
        />
        <button type="submit">{t('translate')}</button>
      </div>
      {untranslated.length > 0 && <p class="zc-muted">{t('untranslated', { words: untranslated.join(', ') })}</p>}
      {error && (
        <p role="alert" class="zc-error">
          {error}
        </p>
      )}
    </form>
  );
}
