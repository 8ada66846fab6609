import { describe, expect, it } from 'vitest';
import { pageSkeleton } from '../../../lib/dom/skeleton';
import { readRealFixture } from '../../fixtures/taobao-fixtures';

/** Replaces the body with parsed markup (a test's own, not page text). */
const setBody = (html: string) => document.body.replaceChildren(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);

describe('pageSkeleton', () => {
  it('keeps tags, ids and classes, and no text, attributes or URLs', () => {
    setBody(`<div id="app"><div class="note-container" data-secret="x"><a class="name" href="/user/profile/5c01?xsec_token=SECRET">用户戊</a>
      <span class="note-text">求链接</span><img src="https://x.test/a.jpg?token=SECRET"><div data-zc-ui="card"><b>ours</b></div></div></div>`);
    const skeleton = pageSkeleton();
    expect(skeleton).toBe(['path: localhost/', 'body', '  div#app', '    div.note-container', '      a.name', '      span.note-text', '      img'].join('\n'));
    expect(skeleton).not.toMatch(/SECRET|用户|求链接|href|src|data-/);
  });

  it('reads a real-structure Taobao item page as classes only, item ids written as 0', () => {
    setBody(readRealFixture('item-2025-taobao.html'));
    const skeleton = pageSkeleton();
    expect(skeleton).toContain('span.mainTitle--R75fTcZL');
    expect(skeleton).toContain('div.highlightPrice--LlVWiXXs');
    for (const text of ['浅茶家', '茉莉', 'shop256790389', 'title=', 'href']) expect(skeleton).not.toContain(text);
    setBody(`<div id="list">${'<a id="item_id_753190448923" class="card--x"></a>'.repeat(48)}</div>`);
    expect(pageSkeleton()).toContain('a#item_id_0.card--x  ×48');
  });

  it('folds runs of same siblings and survives 10,000-deep nesting', () => {
    setBody(`<ul>${'<li class="item"></li>'.repeat(50)}</ul>`);
    expect(pageSkeleton()).toContain('li.item  ×50');
    let deep = document.body;
    document.body.replaceChildren();
    for (let i = 0; i < 10_000; i++) deep = deep.appendChild(document.createElement('div'));
    const skeleton = pageSkeleton(4000, 40);
    expect(skeleton.split('\n').length).toBeLessThan(100);
    expect(skeleton).toContain('…');
  });
});
