import { defineStrings, translator, type UiLanguage } from '../../lib/i18n';
import type { NoteFeature } from './note';

const strings = defineStrings({
  en: { capped: 'Zhongcao read the first {count} comments and replies of this note; the rest are not marked or translated.' },
  'zh-CN': { capped: '种草只读取了这篇笔记的前 {count} 条评论和回复，其余的不会标注或翻译。' },
});

/** The page's language decides: the content script does not load the user's settings for this. */
const language = (): UiLanguage => (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

/**
 * When a note is larger than the reader reads (lib/xhs/limits.ts), says so under the last comment
 * read, so nobody takes the unmarked rest for comments without products.
 */
export function limitNoticeFeature(): NoteFeature {
  return (session) => {
    if (session.rehearsal) return;
    let notice: HTMLElement | undefined;
    session.onRead(() => {
      const { read } = session.current();
      const capped = read.capped;
      if (!capped) {
        notice?.remove();
        return;
      }
      const last = [...read.sources.entries()].reverse().find(([field, source]) => field.startsWith('comments.') && source.element?.isConnected)?.[1].element;
      const anchor = last?.closest('.parent-comment') ?? last?.closest('.comment-item') ?? session.container.querySelector('.comments-container');
      if (!anchor) return;
      notice ??= Object.assign(document.createElement('p'), { role: 'status' });
      notice.setAttribute('data-zc-ui', 'limit');
      notice.setAttribute('role', 'status');
      notice.style.cssText = 'margin:8px 0;padding:6px 10px;border-radius:6px;font-size:12px;background:rgba(255,36,66,.08);color:inherit';
      notice.textContent = translator(strings, language())('capped', { count: capped.comments });
      if (anchor.nextElementSibling !== notice) anchor.after(notice);
    });
    session.signal.addEventListener('abort', () => notice?.remove(), { once: true });
  };
}
