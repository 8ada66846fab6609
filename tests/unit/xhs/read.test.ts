import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoteSchema } from '../../../lib/messaging/schemas';
import { findInitialStateScript, noteFromInitialState } from '../../../lib/xhs/initial-state';
import { readAddedComments, readFeedCards, readNote, readTextSource } from '../../../lib/xhs/read';
import { routeOf } from '../../../lib/xhs/route';
import { XHS, XHS_FIELDS, first } from '../../../lib/xhs/selectors';
import { markRanges, unmarkAll } from '../../../lib/dom/marks';

const DIR = 'tests/fixtures/pages/xiaohongshu';
const parse = (file: string) => new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html');
const NOTE_A = '6745a1b2000000001e01c3d4';
const url = `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`;

describe('routeOf', () => {
  it.each([
    [`https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=a`, { kind: 'note', noteId: NOTE_A }],
    [`https://www.rednote.com/discovery/item/${NOTE_A}`, { kind: 'note', noteId: NOTE_A }],
    [`https://www.xiaohongshu.com/search_result/${NOTE_A}`, { kind: 'note', noteId: NOTE_A }],
    [`https://www.xiaohongshu.com/user/profile/5f1e0000000000000001a000/${NOTE_A}`, { kind: 'note', noteId: NOTE_A }],
    ['https://www.xiaohongshu.com/explore', { kind: 'feed' }],
    ['https://www.xiaohongshu.com/search_result?keyword=%E5%8D%AB%E8%A1%A3', { kind: 'search', keyword: '卫衣' }],
    ['https://www.xiaohongshu.com/explore/not-an-id', { kind: 'other' }],
    ['garbage', { kind: 'other' }],
  ])('%s', (input, expected) => expect(routeOf(input)).toEqual(expected));
});

describe('selectors match every note fixture', () => {
  const notes = readdirSync(DIR).filter((f) => /^note-[0-9a-f]{24}\.html$/.test(f));
  it.each(notes)('%s', (file) => {
    const doc = parse(file);
    for (const key of ['noteRoot', 'title', 'desc', 'author', 'commentItem', 'images'] as const) {
      expect(first(doc, XHS_FIELDS[key]), key).not.toBeNull();
    }
  });
});

describe('readNote on the full note page', () => {
  const doc = parse(`note-${NOTE_A}.html`);
  const read = readNote(doc.querySelector(XHS.noteRoot)!, url, NOTE_A)!;

  it('reads title, caption, hashtags, author and images', () => {
    expect(read.note.title).toBe('秋冬刺绣卫衣｜学生党平价好物分享');
    expect(read.note.desc).toContain('某宝只要68.29元，闭眼入！[种草R]\n颜色选了燕麦色');
    expect(read.note.tags).toEqual(['#好物分享', '#刺绣卫衣']);
    expect(read.note.author).toBe('小鹿不迷路');
    expect(read.note.images).toHaveLength(1);
    expect(read.note.layout).toBe('page');
    expect(NoteSchema.safeParse(read.note).success).toBe(true);
  });

  it('reads comments with their replies, not the ones still to load', () => {
    expect(read.note.comments.map((c) => [c.author, c.text, c.replies.map((r) => r.text)])).toEqual([
      ['momo', '求链接！！', ['🍑搜 同名店铺 就有']],
      ['Jenny in LA', '这个和优衣库的卫衣比哪个厚？', []],
    ]);
    expect(read.note.comments[0]!.id).toBe('6745b0010000000012031a01');
  });

  it('keeps a map from every field back to its text nodes', () => {
    for (const [field, source] of read.sources) {
      for (const segment of source.segments) {
        expect(source.text.slice(segment.start, segment.start + segment.node.data.length), field).toBe(segment.node.data);
      }
    }
    expect([...read.sources.keys()]).toEqual(['title', 'desc', 'tags.0', 'tags.1', 'comments.0', 'comments.0.replies.0', 'comments.1']);
  });

  it('returns null for a layout it does not know', () => {
    const other = new DOMParser().parseFromString('<div id="noteContainer"><div class="renamed">x</div></div>', 'text/html');
    expect(readNote(other.querySelector('#noteContainer')!, url, NOTE_A)).toBeNull();
  });

  it('reads the note inside the modal as a modal', () => {
    const feed = parse('feed.html');
    const mask = feed.createElement('div');
    mask.className = 'note-detail-mask';
    mask.appendChild(feed.importNode(doc.querySelector(XHS.noteRoot)!, true));
    feed.body.appendChild(mask);
    expect(readNote(feed.querySelector(XHS.noteRoot)!, url, NOTE_A)!.note.layout).toBe('modal');
  });
});

describe('comments that load after the note was read', () => {
  /** The fixture note as the page shows it before its last comment loads, and a way to load it. */
  function page() {
    const doc = parse(`note-${NOTE_A}.html`);
    const root = doc.querySelector(XHS.noteRoot)!;
    const loadMore = () => {
      const template = root.querySelector<HTMLTemplateElement>('template.more-comments')!;
      root.querySelector('.comments-container .list-container')!.appendChild(template.content.cloneNode(true));
      template.remove();
    };
    return { doc, root, loadMore };
  }

  it('reads only the new comments, numbered after the others, and adds them to the reading', () => {
    const { root, loadMore } = page();
    const before = readNote(root, url, NOTE_A)!;
    expect(before.note.comments).toHaveLength(2);
    loadMore();
    const added = readAddedComments(root, before)!;
    expect(added.from).toBe(2);
    expect(added.comments.map((comment) => comment.id)).toEqual(['6745b0040000000012031a04']);
    expect(added.comments[0]!.text).toContain('￥AbC123Xyz￥');
    // The same as reading the whole note again, and the same text nodes behind each field.
    const whole = readNote(root, url, NOTE_A)!;
    expect(added.read.note).toEqual(whole.note);
    expect([...added.read.sources.keys()].sort()).toEqual([...whole.sources.keys()].sort());
    expect(added.read.sources.get('comments.2')!.segments.map((segment) => segment.node)).toEqual(whole.sources.get('comments.2')!.segments.map((segment) => segment.node));
    // The earlier reading is left as it was.
    expect(before.note.comments).toHaveLength(2);
    expect(before.sources.has('comments.2')).toBe(false);
  });

  it('finds nothing new when nothing loaded', () => {
    const { root } = page();
    const before = readNote(root, url, NOTE_A)!;
    expect(readAddedComments(root, before)).toMatchObject({ from: 2, comments: [] });
  });

  it.each([
    ['a comment read before is gone', (root: Element) => root.querySelector('.parent-comment')!.remove()],
    ['a comment read before got a reply', (root: Element) => {
      const reply = root.querySelector('.comment-item-sub')!.cloneNode(true) as Element;
      reply.id = 'comment-6745b0090000000012031a09';
      root.querySelectorAll('.parent-comment')[1]!.appendChild(reply);
    }],
    ['comments were rendered again', (root: Element) => {
      const list = root.querySelector('.comments-container .list-container')!;
      for (const parent of list.querySelectorAll('.parent-comment')) parent.replaceWith(parent.cloneNode(true));
    }],
    ['the caption was rendered again', (root: Element) => {
      const caption = first(root, XHS_FIELDS.desc)!;
      caption.replaceWith(caption.cloneNode(true));
    }],
  ])('asks for a whole reading when %s', (_name, change) => {
    const { root, loadMore } = page();
    const before = readNote(root, url, NOTE_A)!;
    loadMore();
    change(root);
    expect(readAddedComments(root, before)).toBeNull();
  });
});

describe('search result cards', () => {
  it('reads result cards and skips the search suggestions', () => {
    const cards = readFeedCards(parse('search.html'));
    expect(cards.map((c) => c.title)).toEqual(['秋冬刺绣卫衣｜学生党平价好物分享', '刺绣卫衣一周穿搭 不重样', '百元内刺绣卫衣合集🧥']);
    expect(cards[0]).toMatchObject({ noteId: NOTE_A, author: '小鹿不迷路' });
    expect(cards.every((c) => c.url.includes('xsec_source=pc_search'))).toBe(true);
  });
});

describe('feed cards', () => {
  it('reads the titles of feed cards', () => {
    expect(readFeedCards(parse('feed.html')).map((c) => c.title)).toEqual([
      '秋冬刺绣卫衣｜学生党平价好物分享',
      '得力便利贴｜考研党必备文具',
      '周末探店｜街角咖啡馆',
    ]);
  });
});

describe('__INITIAL_STATE__ fallback', () => {
  const script = findInitialStateScript(parse(`note-${NOTE_A}.html`))!;

  it('reads the note from the inline state, bare undefined included', () => {
    const note = noteFromInitialState(script, NOTE_A, url)!;
    expect(note.source).toBe('initial-state');
    expect(note.title).toBe('秋冬刺绣卫衣｜学生党平价好物分享');
    expect(note.tags).toEqual(['好物分享', '刺绣卫衣']);
    expect(note.comments[0]!.replies[0]!.text).toBe('🍑搜 同名店铺 就有');
    expect(NoteSchema.safeParse(note).success).toBe(true);
  });

  it.each([
    ['another note id', script, 'ffffffffffffffffffffffff'],
    ['broken JSON', 'window.__INITIAL_STATE__={"note":', NOTE_A],
    ['a forged shape', 'window.__INITIAL_STATE__={"note":{"noteDetailMap":{"6745a1b2000000001e01c3d4":{"note":{"noteId":5}}}}}', NOTE_A],
    ['no state at all', 'console.log(1)', NOTE_A],
  ])('gives null for %s', (_name, text, id) => expect(noteFromInitialState(text, id, url)).toBeNull());
});

describe('marks', () => {
  it('wraps ranges across text nodes and puts the text back unchanged', () => {
    const doc = new DOMParser().parseFromString('<p id="p"><span>我买了刺绣</span><a href="#">卫衣</a>，很好看</p>', 'text/html');
    const p = doc.getElementById('p')!;
    const before = p.textContent;
    const source = readTextSource(p);
    const start = source.text.indexOf('刺绣卫衣');
    const spans = markRanges(source, [{ start, end: start + 4, attributes: { 'data-zc-mention': 'product' } }], doc);
    expect(spans[0]!.map((s) => s.textContent)).toEqual(['刺绣', '卫衣']);
    expect(p.querySelector('a')!.querySelector('[data-zc-mention]')).not.toBeNull();
    expect(p.textContent).toBe(before);
    unmarkAll(p);
    expect(p.querySelectorAll('[data-zc-mention]')).toHaveLength(0);
    expect(p.textContent).toBe(before);
  });

  it('marks any ranges over any split of the text into nodes, images and line breaks (200 random cases)', () => {
    // A small deterministic generator: the same cases on every run.
    let seed = 8;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 16) % n;
    };
    const words = ['得力', '便利贴', '，', '刺绣卫衣', 'abc', '🍑', '求链接', ' '];
    for (let round = 0; round < 200; round++) {
      const doc = new DOMParser().parseFromString('<p id="p"></p>', 'text/html');
      const p = doc.getElementById('p')!;
      for (let k = 1 + next(8); k > 0; k--) {
        const kind = next(6);
        if (kind === 0) p.appendChild(doc.createElement('br'));
        else if (kind === 1) p.appendChild(Object.assign(doc.createElement('img'), { alt: '[笑R]' }));
        else {
          const text = Array.from({ length: 1 + next(3) }, () => words[next(words.length)]).join('');
          if (kind === 2) p.appendChild(doc.createElement('b')).textContent = text;
          else p.appendChild(doc.createTextNode(text));
        }
      }
      const source = readTextSource(p);
      const ranges: Array<{ start: number; end: number; attributes: Record<string, string> }> = [];
      for (let at = next(3); at < source.text.length; ) {
        const end = Math.min(source.text.length, at + 1 + next(5));
        ranges.push({ start: at, end, attributes: { 'data-zc-mention': 'product', 'data-zc-index': String(ranges.length) } });
        at = end + next(4);
      }
      // Which characters of the text come from text nodes (not from an image's alt or a break).
      const inNode = new Array<boolean>(source.text.length).fill(false);
      for (const segment of source.segments) inNode.fill(true, segment.start, segment.start + segment.node.length);
      const before = p.textContent;
      const spans = markRanges(source, ranges, doc);
      expect(p.textContent).toBe(before);
      ranges.forEach((range, index) => {
        // Each range's spans hold exactly its characters that come from text nodes, in order.
        const wanted = source.text.slice(range.start, range.end).split('').filter((_, k) => inNode[range.start + k]).join('');
        expect(spans[index]!.map((span) => span.textContent).join('')).toBe(wanted);
        for (const span of spans[index]!) {
          expect(span.getAttribute('data-zc-index')).toBe(String(index));
          expect(span.textContent).not.toBe('');
        }
      });
      unmarkAll(p);
      expect(p.textContent).toBe(before);
    }
  });

  it('marks several ranges in one text node and skips overlaps', () => {
    const doc = new DOMParser().parseFromString('<p id="p">得力便利贴和得力中性笔</p>', 'text/html');
    const p = doc.getElementById('p')!;
    const spans = markRanges(readTextSource(p), [
      { start: 0, end: 5, attributes: { 'data-zc-mention': 'product' } },
      { start: 0, end: 2, attributes: { 'data-zc-mention': 'brand' } },
      { start: 6, end: 11, attributes: { 'data-zc-mention': 'product' } },
    ], doc);
    expect(spans.map((s) => s.map((x) => x.textContent).join(''))).toEqual(['得力便利贴', '', '得力中性笔']);
    expect(p.textContent).toBe('得力便利贴和得力中性笔');
  });
});
