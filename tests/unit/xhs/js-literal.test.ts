import { describe, expect, it } from 'vitest';
import { JsLiteralError, parseJsLiteral } from '../../../lib/xhs/js-literal';
import { noteFromState, parseInitialState } from '../../../lib/xhs/initial-state';

const value = (text: string) => parseJsLiteral(text).value;
const ID = '6a8b2c1d000000000b03d4e5';
const state = (body: string) => `window.__INITIAL_STATE__=${body};window.__SSR__=true`;
const note = (extra = '') => `{"noteId":"${ID}","title":"标题","desc":"正文"${extra}}`;

describe('parseJsLiteral reads the state literal without running it', () => {
  it.each<[string, unknown]>([
    ['{"a":1,"b":[true,false,null]}', { a: 1, b: [true, false, null] }],
    ['{"m":new Map([])}', { m: {} }],
    ['{"m":new Map([["k",{"v":1}],[2,"two"]])}', { m: { k: { v: 1 }, 2: 'two' } }],
    ['{"s":new Set([]),"t":new Set(["a","b"])}', { s: [], t: ['a', 'b'] }],
    ['{"u":undefined,"l":[undefined],"e":new Map()}', { u: undefined, l: [undefined], e: {} }],
    ['{"trailing":[1,2,],}', { trailing: [1, 2] }],
    ['{bare:1,"n":-1.5e3}', { bare: 1, n: -1500 }],
    ["{'single':'it\\'s'}", { single: "it's" }],
    ['"\\u4e2d\\x41\\n"', '中A\n'],
    // Text that looks like the literals it tolerates is left as text.
    ['{"desc":"new Map([]) :undefined, \\"quoted\\""}', { desc: 'new Map([]) :undefined, "quoted"' }],
  ])('%s', (text, expected) => expect(value(text)).toEqual(expected));

  it('returns where the literal ends, leaving the rest of the script', () => {
    const text = '{"a":1};window.other=2';
    expect(parseJsLiteral(text)).toMatchObject({ end: 7 });
  });

  it.each([
    ['a call', '{"a":alert(1)}'],
    ['a function', '{"a":function(){}}'],
    ['another constructor', '{"a":new Date(0)}'],
    ['a getter', '{get a(){return 1}}'],
    ['a template string', '{"a":`x`}'],
    ['an unterminated string', '{"a":"x'],
    ['a Map of something else', '{"a":new Map("x")}'],
    ['an identifier', '{"a":window}'],
  ])('refuses %s', (_name, text) => expect(() => value(text)).toThrow(JsLiteralError));

  it('refuses 100,000-deep nesting with an error, not a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => value(deep)).toThrow(/nested too deep/);
    const deepObjects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(() => value(deepObjects)).toThrow(/nested too deep/);
  });

  it('keeps __proto__ as a plain key, never a prototype', () => {
    const parsed = value('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('noteFromState on every shape, and on hostile states', () => {
  const read = (body: string, id = ID) => noteFromState(parseInitialState(state(body)), id, `https://www.xiaohongshu.com/explore/${id}`);

  it('noteDetailMap[id], in a state with the 2026 literals', () => {
    const found = read(`{"a":new Set([]),"note":{"noteDetailMap":{"${ID}":{"note":${note()}}}},"AiNoteDetailStore":{"noteDetailMap":new Map([])},"x":[undefined]}`);
    expect([found?.shape, found?.note.title]).toEqual(['state:noteDetailMap', '标题']);
  });

  it('noteDetailMap as a Map with the note as its entry', () => {
    const found = read(`{"note":{"noteDetailMap":new Map([["${ID}",{"note":${note()}}]])}}`);
    expect(found?.shape).toBe('state:noteDetailMap');
  });

  it("noteDetailMap's last entry when the id is not a key", () => {
    const found = read(`{"note":{"noteDetailMap":{"undefined":{"note":undefined},"share":{"note":${note()}}}}}`);
    expect([found?.shape, found?.note.desc]).toEqual(['state:noteDetailMap-last', '正文']);
  });

  it('noteData.data.noteData (phone), then note.note (older)', () => {
    expect(read(`{"noteData":{"data":{"noteData":${note()}}}}`)?.shape).toBe('state:noteData');
    expect(read(`{"note":{"note":${note()}}}`)?.shape).toBe('state:note.note');
  });

  it('refuses a note that names another id', () => {
    expect(read(`{"note":{"noteDetailMap":{"${ID}":{"note":{"noteId":"ffffffffffffffffffffffff","title":"别的"}}}}}`)).toBeNull();
  });

  it.each([
    ['no state', 'null'],
    ['a title that is not text', `{"note":{"noteDetailMap":{"${ID}":{"note":{"noteId":"${ID}","title":{"toString":1}}}}}}`],
    ['a caption past its limit', `{"note":{"noteDetailMap":{"${ID}":{"note":{"noteId":"${ID}","desc":"${'长'.repeat(50_001)}"}}}}}`],
    ['a script that runs code', 'alert(document.cookie)'],
  ])('null for %s', (_name, body) => expect(read(body)).toBeNull());

  it('drops a malformed comment alone', () => {
    const found = read(`{"note":{"noteDetailMap":{"${ID}":{"note":${note()},"comments":{"list":[{"id":1,"content":"坏"},{"id":"c2","content":"好","userInfo":{"nickname":"n"},"subComments":[{"id":"r1","content":"回复"},{"bad":true}]}]}}}}}`);
    expect(found?.note.comments).toEqual([{ id: 'c2', author: 'n', text: '好', replies: [{ id: 'r1', author: '', text: '回复' }] }]);
  });

  it('reads at most the capped number of comments from a flooded state', () => {
    const comments = Array.from({ length: 3000 }, (_, i) => `{"id":"c${i}","content":"🍑"}`).join(',');
    const found = read(`{"note":{"noteDetailMap":{"${ID}":{"note":${note()},"comments":{"list":[${comments}]}}}}}`);
    expect(found?.note.comments.length).toBe(400);
  });
});
