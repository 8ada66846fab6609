import { useEffect, useState } from 'preact/hooks';
import { defineStrings, translator } from '../../lib/i18n';
import type { FieldReport } from '../../lib/messaging/field-report';
import type { TabProbe } from '../../lib/messaging/protocol';
import type { TabNoteState } from '../../lib/messaging/schemas';
import { usePopupEnv } from './env';

const strings = defineStrings({
  en: {
    reading: 'Reading this note…',
    checking: 'Looking at this page…',
    reload: 'Zhongcao cannot read this page yet: it was open before Zhongcao was installed or updated. Reload this page.',
    reloadButton: 'Reload this page',
    missing: '{field} not found on this layout',
    capped: 'Only the first {count} comments and replies of this note were read.',
    copy: 'Copy diagnostics',
    copied: 'Copied: paste it into a bug report. It holds the page’s structure only (tags, ids, classes), none of its text.',
    copyFailed: 'Could not copy ({message}). Select the text below and copy it.',
    field_title: 'title',
    field_caption: 'caption',
    field_author: 'author',
    field_images: 'images',
    field_comments: 'comments',
    field_replies: 'replies',
    field_note: 'the note',
    field_price: 'price',
    field_shop: 'shop',
    field_sales: 'sales',
    field_id: 'item id',
  },
  'zh-CN': {
    reading: '正在读取这篇笔记…',
    checking: '正在查看此页面…',
    reload: '种草暂时无法读取此页面：它在种草安装或更新之前就已打开。请刷新此页面。',
    reloadButton: '刷新此页面',
    missing: '此页面布局中未找到{field}',
    capped: '这篇笔记只读取了前 {count} 条评论和回复。',
    copy: '复制诊断信息',
    copied: '已复制：请粘贴到问题报告中。其中只有页面结构（标签、id、class），不含任何文字。',
    copyFailed: '无法复制（{message}）。请选中下方文字后复制。',
    field_title: '标题',
    field_caption: '正文',
    field_author: '作者',
    field_images: '图片',
    field_comments: '评论',
    field_replies: '回复',
    field_note: '笔记',
    field_price: '价格',
    field_shop: '店铺',
    field_sales: '销量',
    field_id: '商品 id',
  },
});

type Key = keyof (typeof strings)['en'];

/**
 * What the popup says about the tab before and around the note: still reading, reload needed,
 * not a note page, or which fields the reader could not find on this layout, with "Copy
 * diagnostics" for a bug report. The rest of the popup (products, basket) is unchanged.
 */
export function PageStatus({ state, tabId }: { state: TabNoteState | null; tabId: number | null }) {
  const { t: popupT, language, connector } = usePopupEnv();
  const t = translator(strings, language);
  const [probe, setProbe] = useState<TabProbe | 'pending' | null>(null);

  // Only when the tab has told us nothing: is a content script there to tell us?
  const unknown = state === null && tabId !== null;
  useEffect(() => {
    if (!unknown) return undefined;
    let live = true;
    setProbe('pending');
    connector.send('tab:probe', { tabId }).then(
      (answer) => live && setProbe(answer),
      () => live && setProbe(null),
    );
    return () => {
      live = false;
    };
  }, [connector, tabId, unknown]);

  const probed = probe === 'pending' ? null : probe;
  if (state?.status === 'reading' || (unknown && probed?.page === 'note' && probed.alive)) {
    return (
      <p role="status" class="zc-muted" data-testid="reading">
        {t('reading')}
      </p>
    );
  }
  if (unknown && probe === 'pending') {
    return (
      <p role="status" class="zc-muted" data-testid="checking">
        {t('checking')}
      </p>
    );
  }
  if (unknown && probed && probed.page !== 'other' && !probed.alive) {
    return (
      <div data-testid="reload">
        <p class="zc-empty">{t('reload')}</p>
        <button type="button" onClick={() => void connector.send('tab:reload', { tabId: tabId! }).catch(() => undefined)}>
          {t('reloadButton')}
        </button>
      </div>
    );
  }
  if (!state || state.status === 'not-note') {
    return (
      <p data-testid="empty" class="zc-empty">
        {popupT('notNote')}
      </p>
    );
  }
  const fields = state.fields;
  return (
    <>
      {state.status === 'unrecognised' && (
        <p data-testid="unrecognised" class="zc-empty">
          {popupT('unrecognised', { reason: state.reason })}
        </p>
      )}
      {fields && fields.missing.length > 0 && (
        <ul class="zc-missing" data-testid="missing">
          {fields.missing.map((field) => (
            <li key={field}>{t('missing', { field: fieldName(t, field) })}</li>
          ))}
        </ul>
      )}
      {state.status === 'note' && state.capped && (
        <p class="zc-muted" data-testid="capped">
          {t('capped', { count: state.capped.comments })}
        </p>
      )}
      {(state.status === 'unrecognised' || (fields && fields.missing.length > 0)) && tabId !== null && <CopyDiagnostics tabId={tabId} fields={fields} t={t} />}
    </>
  );
}

function fieldName(t: (key: Key) => string, field: string): string {
  const key = `field_${field}` as Key;
  return key in strings.en ? t(key) : field;
}

function CopyDiagnostics({ tabId, fields, t }: { tabId: number; fields: FieldReport | undefined; t: ReturnType<typeof translator<Key>> }) {
  const { connector } = usePopupEnv();
  const [result, setResult] = useState<{ copied: true } | { copied: false; message: string; text: string } | null>(null);
  const copy = async () => {
    let text = '';
    try {
      const { skeleton } = await connector.send('tab:skeleton', { tabId });
      const report = fields ? `found: ${fields.found.join(', ') || '-'}\nmissing: ${fields.missing.join(', ') || '-'}\nlayout: ${fields.layout ?? '-'}\n` : '';
      text = `Zhongcao diagnostics\n${report}\n${skeleton}`;
      await navigator.clipboard.writeText(text);
      setResult({ copied: true });
    } catch (error) {
      setResult({ copied: false, message: error instanceof Error ? error.message : String(error), text });
    }
  };
  return (
    <div class="zc-diagnostics">
      <button type="button" data-testid="copy-diagnostics" onClick={() => void copy()}>
        {t('copy')}
      </button>
      {result?.copied && (
        <p role="status" class="zc-muted">
          {t('copied')}
        </p>
      )}
      {result && !result.copied && (
        <>
          <p role="alert" class="zc-error">
            {t('copyFailed', { message: result.message })}
          </p>
          {result.text && <textarea readOnly rows={6} value={result.text} data-testid="diagnostics-text" />}
        </>
      )}
    </div>
  );
}
