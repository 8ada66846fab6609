import { afterEach, describe, expect, it } from 'vitest';
import { observe } from '../../../lib/dom/observe';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Elements from markup, parsed the way the tests read fixture pages (never through innerHTML). */
const nodes = (markup: string) => [...document.importNode(new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html').body, true).childNodes];

afterEach(() => document.body.replaceChildren());

describe('observe', () => {
  it('calls back once for every matching element, there now or added later, nested ones included', async () => {
    document.body.append(...nodes('<div class="comment" id="a"></div>'));
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.comment', (element) => seen.push(element.id), { signal: controller.signal });
    expect(seen).toEqual(['a']);
    const wrapper = document.createElement('section');
    wrapper.append(...nodes('<div class="comment" id="b"><div class="comment" id="c"></div></div>'));
    document.body.append(wrapper);
    await flush();
    expect(seen).toEqual(['a', 'b', 'c']);
    // Moving an element back in does not call again.
    document.body.append(document.getElementById('a')!);
    await flush();
    expect(seen).toEqual(['a', 'b', 'c']);
    controller.abort();
    document.body.append(...nodes('<div class="comment" id="d"></div>'));
    await flush();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('leaves nothing observing when a callback aborts during the first scan', async () => {
    document.body.append(...nodes('<div class="note" id="first"></div><div class="note" id="second"></div>'));
    const seen: string[] = [];
    const controller = new AbortController();
    observe('.note', (element) => {
      seen.push(element.id);
      controller.abort();
    }, { signal: controller.signal });
    document.body.append(...nodes('<div class="note" id="later"></div>'));
    await flush();
    expect(seen).toEqual(['first']);
  });

  it('does not look into what Zhongcao inserted itself', async () => {
    const seen: string[] = [];
    observe('span', (element) => seen.push(element.id || element.getAttribute('data-zc-mention') || '?'), { signal: new AbortController().signal });
    const mark = document.createElement('span');
    mark.setAttribute('data-zc-mention', 'product');
    const translation = document.createElement('div');
    translation.setAttribute('data-zc-translation', 'glossary');
    translation.append(...nodes('<span id="inside-translation"></span>'));
    const page = document.createElement('span');
    page.id = 'page';
    document.body.append(mark, translation, page);
    await flush();
    expect(seen).toEqual(['page']);
  });

  it('keeps observing when a callback throws', async () => {
    const seen: string[] = [];
    observe(
      'p',
      (element) => {
        if (element.id === 'bad') throw new Error('broken callback');
        seen.push(element.id);
      },
      { signal: new AbortController().signal },
    );
    document.body.append(...nodes('<p id="bad"></p>'));
    await flush();
    document.body.append(...nodes('<p id="good"></p>'));
    await flush();
    expect(seen).toEqual(['good']);
  });
});
