import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CasechatError } from '../../src/errors.js';
import { alnumKey } from '../../src/text/normalize.js';

const GoldSchema = z.object({ title: z.string(), aliases: z.array(z.string()).default([]), file: z.string(), lineStart: z.number(), lineEnd: z.number() });
const TurnSchema = z.object({
  q: z.string(),
  gold: z.array(GoldSchema),
  expect_contacts: z.array(z.string()).default([]),
  expect_facts: z.array(z.string()).default([]),
});
export const QuestionSchema = z.object({ id: z.string(), type: z.string(), turns: z.array(TurnSchema).min(1) });
export type Question = z.infer<typeof QuestionSchema>;
export type Gold = z.infer<typeof GoldSchema>;

/**
 * Reads a JSONL file of evaluation questions (the format of scripts/eval-example.jsonl), validating every
 * line; a missing file, a line that is not JSON or not a question is INVALID_ARGUMENT naming the line.
 */
export function readQuestions(path: string): Question[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CasechatError('INVALID_ARGUMENT', 'eval', `cannot read ${path}: ${(e as Error).message}`);
  }
  return text
    .split('\n')
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => l.trim())
    .map(({ l, n }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(l);
      } catch (e) {
        throw new CasechatError('INVALID_ARGUMENT', 'eval', `${path}:${n}: not JSON (${(e as Error).message})`);
      }
      const parsed = QuestionSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CasechatError('INVALID_ARGUMENT', 'eval', `${path}:${n}: ${issue?.path.join('.')}: ${issue?.message}`);
      }
      return parsed.data;
    });
}

/** A returned case or citation, as the matcher sees it. */
export interface Located {
  file: string;
  lineStart: number | null;
  lineEnd: number | null;
  title: string;
}

/** Whether a result is one of the gold cases: same file and overlapping lines, else same title or alias. */
export function matchesGold(r: Located, gold: Gold[]): boolean {
  if (r.lineStart !== null && r.lineEnd !== null) {
    const hit = gold.some((g) => g.file === r.file && r.lineStart! <= g.lineEnd && g.lineStart <= r.lineEnd!);
    if (hit) return true;
  }
  const key = alnumKey(r.title);
  return gold.some((g) => [g.title, ...g.aliases].some((t) => alnumKey(t) === key));
}
