import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestions } from '../scripts/lib/gold.js';
import { realCorpus } from './corpus.js';

/** The example question set shipped for `npm run eval` (scripts/eval-example.jsonl). */
describe('scripts/eval-example.jsonl', () => {
  it('is in the evaluation format, and every gold case, contact and fact is in the corpus where it says', async () => {
    const questions = readQuestions(new URL('../scripts/eval-example.jsonl', import.meta.url).pathname);
    expect(questions.map((q) => q.type)).toEqual(['topic', 'contact', 'fact', 'negative', 'followup', 'english']);
    const { docs, cases } = await realCorpus();
    for (const q of questions) {
      for (const t of q.turns) {
        for (const g of t.gold) {
          const c = cases.find((x) => x.file === g.file && x.lineStart === g.lineStart && x.lineEnd === g.lineEnd);
          expect(c?.title, `${q.id}: ${g.title}`).toBe(g.title);
          const lines = docs
            .find((d) => d.file === g.file)!
            .lines.slice(g.lineStart - 1, g.lineEnd)
            .join('\n');
          for (const wanted of [...t.expect_contacts, ...t.expect_facts]) expect(lines, `${q.id}: ${wanted}`).toContain(wanted);
        }
      }
    }
  });

  it('refuses a file that is missing, or a line that is not JSON or not a question, naming the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casechat-eval-'));
    const file = join(dir, 'q.jsonl');
    expect(() => readQuestions(join(dir, 'none.jsonl'))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    writeFileSync(file, '{"id": "a", "type": "topic", "turns": [{"q": "x", "gold": []}]}\n\n{"id": "b",');
    expect(() => readQuestions(file)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${file}:3: not JSON`) }));
    writeFileSync(file, '{"id": "a", "type": "topic", "turns": []}\n');
    expect(() => readQuestions(file)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${file}:1: turns:`) }));
  });
});
