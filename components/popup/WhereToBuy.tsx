import { useMemo } from 'preact/hooks';
import type { WhereToBuy as Entry } from '../../lib/popup/where-to-buy';
import { httpsUrl } from '../../lib/dom/safe-url';
import { useBuyStrings, type BuyStringKey } from './buy-strings';
import { CopyButton } from './CopyButton';
import { usePopupEnv } from './env';
import { useRemote } from './use-remote';
import { plainLine } from '../../lib/translate/reading-line';

const KIND_LABEL: Record<Entry['kind'], BuyStringKey> = {
  shareCode: 'shareCode',
  itemLink: 'itemLink',
  shortLink: 'shortLink',
  shop: 'shopName',
  hint: 'hint',
};

/** The note's own hints at where to buy: share codes, item links, shop names, with the comment they came from. */
export function WhereToBuy({ entries }: { entries: readonly Entry[] }) {
  const t = useBuyStrings();
  const { connector } = usePopupEnv();
  const sources = useMemo(() => [...new Set(entries.map((entry) => entry.source.text.slice(0, 20_000)))], [entries]);
  // The offline word-by-word reading always answers: each source text read word by word.
  const glossed = useRemote(
    async () => (sources.length === 0 ? [] : (await connector.send('translate:gloss', { texts: sources })).lines),
    [connector, sources.join('\u0000')],
  );
  if (entries.length === 0) return null;
  // The line is the offline word-by-word reading, shown here as plain text.
  const glossOf = (text: string) => {
    const line = glossed.status === 'ready' ? glossed.value[sources.indexOf(text.slice(0, 20_000))] : undefined;
    return line ? plainLine(line) : undefined;
  };
  const fromLabel = (entry: Entry) =>
    entry.source.where === 'comment'
      ? t('fromComment', { author: entry.source.author || '—' })
      : t(entry.source.where === 'title' ? 'fromTitle' : entry.source.where === 'caption' ? 'fromCaption' : 'fromTags');
  return (
    <section aria-labelledby="zc-where" class="zc-where" data-testid="where-to-buy">
      <h2 id="zc-where" class="zc-section">
        {t('whereToBuy')}
      </h2>
      <ul>
        {entries.map((entry) => {
          const gloss = glossOf(entry.source.text);
          // Links come from what a note says: only https ones are rendered as links.
          const href = httpsUrl(entry.url);
          return (
            <li key={`${entry.kind}|${entry.text}|${entry.field}`} data-testid="where-entry" data-kind={entry.kind}>
              <strong>{t(KIND_LABEL[entry.kind])}</strong>{' '}
              {href ? (
                <a href={href} target="_blank" rel="noreferrer noopener" lang="zh-CN" title={entry.kind === 'itemLink' ? t('openItemHint') : undefined}>
                  {entry.kind === 'itemLink' ? t('openItem') : entry.text}
                </a>
              ) : (
                <code lang="zh-CN">{entry.text}</code>
              )}{' '}
              {entry.kind === 'shareCode' && <CopyButton text={entry.title ? `【${entry.title}】${entry.text}` : entry.text} testId="copy-share-code" />}
              {entry.kind === 'shop' && (
                <a href={`https://s.taobao.com/search?q=${encodeURIComponent(entry.text)}&tab=all`} target="_blank" rel="noreferrer noopener">
                  {t('searchShop')}
                </a>
              )}
              {entry.kind === 'shareCode' && <p class="zc-muted zc-small">{t('shareCodeHow')}</p>}
              <blockquote class="zc-quote-source">
                <small class="zc-muted">{fromLabel(entry)}</small>
                <span lang="zh-CN">{entry.source.text.length > 280 ? `${entry.source.text.slice(0, 280)}…` : entry.source.text}</span>
                {gloss && <small class="zc-muted">{t('translated', { text: gloss })}</small>}
              </blockquote>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
