import { describe, expect, it } from 'vitest';
import { pageSkeleton } from '../../../lib/dom/page-skeleton';
import { readRealFixture } from '../../fixtures/taobao-fixtures';

describe('pageSkeleton', () => {
  it('keeps tags, ids and classes, and no text, query string or name', () => {
    const page = new DOMParser().parseFromString(readRealFixture('item-2025-taobao.html'), 'text/html');
    const skeleton = pageSkeleton(page.body);
    expect(skeleton).toContain('span.mainTitle--R75fTcZL');
    expect(skeleton).toContain('div.highlightPrice--LlVWiXXs');
    for (const text of ['浅茶家', '茉莉', '68', 'shop256790389', 'title=', 'href']) expect(skeleton).not.toContain(text);
  });

  it('writes repeated siblings once with their count, and long digit runs as 0', () => {
    const page = new DOMParser().parseFromString(`<div id="list">${'<a id="item_id_753190448923" class="card--x"></a>'.repeat(48)}</div>`, 'text/html');
    expect(pageSkeleton(page.body)).toBe('body\n  div#list\n    a#item_id_0.card--x ×48');
  });

  it('walks a page 10,000 levels deep without overflowing, within its bounds', () => {
    const page = new DOMParser().parseFromString('<div></div>', 'text/html');
    let node = page.body.firstElementChild!;
    for (let i = 0; i < 10_000; i++) node = node.appendChild(page.createElement('div'));
    const skeleton = pageSkeleton(page.body, { maxDepth: 40 });
    expect(skeleton.split('\n').length).toBeLessThanOrEqual(42);
  });
});
