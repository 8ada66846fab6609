import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoteSchema } from '../../../lib/messaging/schemas';
import { findInitialStateScript, noteFromInitialState, noteFromState, parseInitialState } from '../../../lib/xhs/initial-state';
import { readFeedCards, readNote } from '../../../lib/xhs/read';
import { XHS_FIELDS, first } from '../../../lib/xhs/selectors';

/** The real-structure corpus (tests/fixtures/real/xiaohongshu/PROVENANCE.md), read as the content script reads it. */
const DIR = 'tests/fixtures/real/xiaohongshu';
const parse = (file: string) => new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html');
const urlOf = (id: string) => `https://www.xiaohongshu.com/explore/${id}?xsec_token=x`;

function read(file: string, id: string) {
  const doc = parse(file);
  const root = first(doc, XHS_FIELDS.noteRoot);
  expect(root, file).not.toBeNull();
  const result = readNote(root!, urlOf(id), id);
  expect(result, file).not.toBeNull();
  expect(NoteSchema.safeParse(result!.note).success).toBe(true);
  return result!;
}

const thread = (r: ReturnType<typeof read>) => r.note.comments.map((c) => [c.author, c.text, c.replies.map((x) => `${x.author}: ${x.text}`)]);

describe('the corpus note pages are read whole', () => {
  it('2024: swiper slider without its duplicate slides, replies by .comment-item-sub', () => {
    const r = read('note-2024-slider.html', '65f1c2a0000000001203b4e1');
    expect(r.note.title).toBe('通勤托特包｜百元内能装电脑');
    expect(r.note.desc).toBe('找了好久的通勤包终于找到了！某宝89元，14寸电脑放得下 #通勤包');
    expect(r.note.tags).toEqual(['#通勤包']);
    expect(r.note.author).toBe('晴天收纳');
    expect(r.note.images).toEqual([
      'https://sns-webpic-qc.xhscdn.com/202403131200/0/tote-1!nd_dft_wlteh_webp_3',
      'https://sns-webpic-qc.xhscdn.com/202403131200/0/tote-2!nd_dft_wlteh_webp_3',
    ]);
    expect(thread(r)).toEqual([
      ['用户甲', '求链接 这个托特包好好看', ['晴天收纳: 淘宝搜 通勤托特包 大容量 就有']],
      ['用户乙', '帆布托特包还是皮的？', []],
    ]);
    expect(r.fields).toEqual({ found: ['title', 'caption', 'author', 'images', 'comments', 'replies'], missing: [], layout: 'page' });
  });

  it('2025: media container slides, a reply with "展开 2 条回复" still to load', () => {
    const r = read('note-2025-media.html', '67a0b3c40000000029012f3a');
    expect(r.note.images).toHaveLength(2);
    expect(thread(r)).toEqual([
      ['用户丙', '和AirPods比怎么样？想买个降噪耳机', ['数码小白兔: 音质差一点，但是降噪耳机这个价位够用了']],
      ['用户丁', '拼多多有同款蓝牙耳机吗', []],
    ]);
    expect(r.fields.missing).toEqual([]);
  });

  it('2026: replies are plain .comment-item in .reply-container .list-container; images in .img-container', () => {
    const r = read('note-2026-nested.html', '69d1e2f3000000001a02a7b8');
    expect(r.note.images).toEqual([
      'https://sns-webpic-qc.xhscdn.com/202604051200/0/hoodie-1!nd_dft_wlteh_webp_3',
      'https://sns-webpic-qc.xhscdn.com/202604051200/0/hoodie-2!nd_dft_wlteh_webp_3',
    ]);
    expect(thread(r)).toEqual([
      ['用户戊', '求链接！卫衣是什么牌子的', ['小鹿不迷路: 🍑搜 同名店铺 刺绣卫衣 就有', '用户己: 回复 小鹿不迷路 : 优衣库的卫衣也不错']],
      ['用户庚', '这个颜色好显白', []],
    ]);
    expect(r.note.comments[0]!.replies.map((x) => x.id)).toEqual(['69d1f0020000000002021002', '69d1f0030000000002021003']);
    // Every reply's text maps back to its own element, where its marks and translation go.
    expect(r.sources.get('comments.0.replies.1')?.element?.closest('.comment-item')?.id).toBe('comment-69d1f0030000000002021003');
    expect(r.fields.found).toContain('replies');
  });

  it('says replies are missing when the page shows replies the layout hides from it', () => {
    const doc = parse('note-2026-nested.html');
    // A layout we do not know: the reply list renamed.
    for (const el of doc.querySelectorAll('.reply-container')) el.className = 'sub-thread';
    const r = readNote(first(doc, XHS_FIELDS.noteRoot)!, urlOf('69d1e2f3000000001a02a7b8'), '69d1e2f3000000001a02a7b8')!;
    expect(r.fields.missing).toContain('replies');
  });

  it('reads the feed cards', () => {
    expect(readFeedCards(parse('feed-2026.html')).map((c) => [c.noteId, c.title, c.author])).toEqual([
      ['69d1e2f3000000001a02a7b8', '秋冬刺绣卫衣开箱', '小鹿不迷路'],
      ['67a0b3c40000000029012f3a', '平价蓝牙耳机测评', '数码小白兔'],
    ]);
  });
});

describe('the corpus state pages are read from __INITIAL_STATE__', () => {
  const fromFile = (file: string, id: string) => {
    const script = findInitialStateScript(parse(file));
    expect(script, file).not.toBeNull();
    return noteFromState(parseInitialState(script!), id, urlOf(id));
  };

  it('2026: new Map([]) in another store, new Set([]), [undefined] and bare undefined', () => {
    const found = fromFile('state-2026-map.html', '6a8b2c1d000000000b03d4e5')!;
    expect(found.shape).toBe('state:noteDetailMap');
    expect(found.note.title).toBe('开学文具清单📒');
    expect(found.note.tags).toEqual(['文具分享']);
    expect(found.note.author).toBe('文具控');
    expect(found.note.images).toEqual(['https://sns-webpic-qc.xhscdn.com/202609121200/0/notes-1!nd_dft_wlteh_webp_3']);
    expect(found.note.comments).toEqual([
      { id: '6a8b3a01000000000b03e001', author: '用户辛', text: '求链接，是哪家的便利贴', replies: [{ id: '6a8b3a02000000000b03e002', author: '文具控', text: '得力的便利贴，淘宝旗舰店' }] },
    ]);
    expect(NoteSchema.safeParse(found.note).success).toBe(true);
  });

  it('older desktop: note.note', () => {
    const found = fromFile('state-2023-note-note.html', '64c8d9e0000000001e00f1a2')!;
    expect(found.shape).toBe('state:note.note');
    expect([found.note.title, found.note.author, found.note.images.length, found.note.comments[0]?.text]).toEqual(['夏天防晒衣推荐', '户外小王', 1, '是冰丝的吗']);
  });

  it('phone: noteData.data.noteData', () => {
    const found = fromFile('state-phone-notedata.html', '66e1a2b3000000001f03c4d5')!;
    expect(found.shape).toBe('state:noteData');
    expect([found.note.title, found.note.author, found.note.comments[0]?.author]).toEqual(['宿舍神器小风扇', '宿舍改造家', '用户癸']);
  });

  it('the note-page states agree with their DOM', () => {
    const script = findInitialStateScript(parse('note-2026-nested.html'))!;
    expect(noteFromInitialState(script, '69d1e2f3000000001a02a7b8', urlOf('x'))?.title).toBe('秋冬刺绣卫衣开箱');
  });
});
