import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod/mini';
import { noteFromState } from '../../../lib/xhs/initial-state';

/**
 * The page's state is checked by hand in the content script (lib/xhs/initial-state.ts), where zod
 * cost too much heap and start-up. These are the zod schemas it replaced: on any value, a note is
 * read exactly when zod accepted it, with the comments and replies zod accepted.
 */
const text = (max: number) => z.string().check(z.maxLength(max));
const user = z.object({ nickname: z.optional(text(200)), nickName: z.optional(text(200)) });
const image = z.object({
  urlDefault: z.optional(text(4000)),
  url: z.optional(text(4000)),
  infoList: z.optional(z.array(z.object({ url: z.optional(text(4000)) })).check(z.maxLength(20))),
});
const NoteStateSchema = z.object({
  noteId: z.optional(text(64)),
  id: z.optional(text(64)),
  title: z.optional(text(2000)),
  desc: z.optional(text(50_000)),
  tagList: z.optional(z.array(z.object({ name: z.optional(text(200)) })).check(z.maxLength(200))),
  user: z.optional(user),
  imageList: z.optional(z.array(z.optional(image)).check(z.maxLength(100))),
});
const CommentStateSchema = z.object({
  id: text(100),
  content: text(20_000),
  userInfo: z.optional(user),
  user: z.optional(user),
  subComments: z.optional(z.array(z.unknown()).check(z.maxLength(500))),
});

const NOTE_ID = '6745a1b2000000001e01c3d4';

/** Values near every limit and of every wrong kind, in the places the checks look. */
const stringNear = (max: number) => fc.oneof(fc.string({ maxLength: 3 }), fc.constant('x'.repeat(max)), fc.constant('x'.repeat(max + 1)));
const wrong = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant(new Map()));
const maybe = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: wrong });
const optionalKey = <T>(value: fc.Arbitrary<T>) => fc.option(maybe(value), { nil: undefined });
const userArb = maybe(fc.record({ nickname: optionalKey(stringNear(200)), nickName: optionalKey(stringNear(200)) }, { requiredKeys: [] }));
const imageArb = maybe(
  fc.record(
    {
      urlDefault: optionalKey(stringNear(4000)),
      url: optionalKey(stringNear(4000)),
      infoList: optionalKey(fc.array(maybe(fc.record({ url: optionalKey(stringNear(4000)) }, { requiredKeys: [] })), { maxLength: 3 })),
    },
    { requiredKeys: [] },
  ),
);
const noteArb = maybe(
  fc.record(
    {
      noteId: optionalKey(fc.constantFrom(NOTE_ID, 'x'.repeat(65), 'another')),
      id: optionalKey(fc.constantFrom(NOTE_ID, 'x'.repeat(64))),
      title: optionalKey(stringNear(2000)),
      desc: optionalKey(fc.oneof(fc.constant('好物 #刺绣卫衣[话题]#'), stringNear(50_000))),
      tagList: optionalKey(fc.array(maybe(fc.record({ name: optionalKey(stringNear(200)) }, { requiredKeys: [] })), { maxLength: 3 })),
      user: optionalKey(userArb),
      imageList: optionalKey(fc.array(fc.oneof(imageArb, fc.constant(undefined)), { maxLength: 3 })),
      extra: fc.option(fc.anything(), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
);
const commentArb: fc.Arbitrary<unknown> = maybe(
  fc.record(
    {
      id: maybe(stringNear(100)),
      content: maybe(stringNear(20_000)),
      userInfo: optionalKey(userArb),
      user: optionalKey(userArb),
      subComments: optionalKey(
        fc.array(
          maybe(fc.record({ id: maybe(stringNear(100)), content: maybe(fc.string({ maxLength: 5 })), user: optionalKey(userArb) }, { requiredKeys: ['id', 'content'] })),
          { maxLength: 3 },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('the note state’s hand-written checks', () => {
  it('read a note exactly when the zod schemas accepted it, with the same comments and replies', () => {
    fc.assert(
      fc.property(noteArb, fc.array(commentArb, { maxLength: 4 }), (note, comments) => {
        const state = { note: { noteDetailMap: { [NOTE_ID]: { note, comments: { list: comments } } } } };
        const read = noteFromState(state, NOTE_ID, `https://www.xiaohongshu.com/explore/${NOTE_ID}`);
        const parsed = NoteStateSchema.safeParse(note);
        const id = parsed.success ? (parsed.data.noteId ?? parsed.data.id) : undefined;
        const accepted = parsed.success && (id === undefined || id === NOTE_ID);
        expect(read !== null).toBe(accepted);
        if (!read) return;
        const expected = comments.flatMap((comment) => {
          const c = CommentStateSchema.safeParse(comment);
          if (!c.success) return [];
          const replies = (c.data.subComments ?? []).flatMap((sub) => {
            const r = CommentStateSchema.safeParse(sub);
            return r.success ? [r.data.id] : [];
          });
          return [{ id: c.data.id, replies }];
        });
        expect(read.note.comments.map((c) => ({ id: c.id, replies: c.replies.map((r) => r.id) }))).toEqual(expected);
        expect(read.note.title).toBe(parsed.success ? (parsed.data.title ?? '') : '');
      }),
      { numRuns: 2000 },
    );
  });
});
