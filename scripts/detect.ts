/**
 * Detect product mentions in notes from the command line:
 *
 *   npm run -s detect < notes.jsonl
 *
 * Each input line is a note `{"id", "title"?, "desc"?, "tags"?, "comments"?}`; each output line is
 * `{"id", "mentions": [...]}`. A malformed line is reported on stderr with its line number, the
 * other lines are still processed, and the exit code is 1 if any line failed. A note with more than
 * MAX_MENTIONS mentions (a flood of 🍑 or share codes) gets the first ones, with a word on stderr.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod/mini';
import { detectMentions, MAX_MENTIONS } from '../lib/mentions/detect';
// Node reads the lexicon from its JSON files.
import '../lib/mentions/lexicon-bundled';

const InputNoteSchema = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.optional(z.string()),
  desc: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
  comments: z.optional(
    z.array(z.union([z.string(), z.object({ text: z.string(), replies: z.optional(z.array(z.object({ text: z.string() }))) })])),
  ),
});

async function main(): Promise<number> {
  let lineNumber = 0;
  let failures = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      failures++;
      process.stderr.write(`line ${lineNumber}: not valid JSON (${(error as Error).message})\n`);
      continue;
    }
    const note = InputNoteSchema.safeParse(parsed);
    if (!note.success) {
      failures++;
      const problems = note.error.issues.map((issue) => `${issue.path.join('.') || '(note)'}: ${issue.message}`).join('; ');
      process.stderr.write(`line ${lineNumber}: not a note (${problems})\n`);
      continue;
    }
    const { id, ...text } = note.data;
    const mentions = detectMentions(text);
    // Detection reads any length in linear time and bounded memory, and stops at MAX_MENTIONS.
    if (mentions.length >= MAX_MENTIONS) process.stderr.write(`line ${lineNumber} (${id}): the first ${MAX_MENTIONS} mentions only\n`);
    process.stdout.write(`${JSON.stringify({ id, mentions })}\n`);
  }
  if (failures > 0) process.stderr.write(`${failures} line(s) failed\n`);
  return failures > 0 ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
