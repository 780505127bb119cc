import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scaleCorpus } from '../scripts/scale-corpus.js';

const corpusDir = fileURLToPath(new URL('../corpus/', import.meta.url));

describe('scaleCorpus', () => {
  it('writes the single-file variant as the text copies of the many-file variant one after another', async () => {
    const root = mkdtempSync(join(tmpdir(), 'casechat-scale-'));
    const many = await scaleCorpus({ corpusDir, outDir: join(root, 'many'), factor: 2 });
    const one = await scaleCorpus({ corpusDir, outDir: join(root, 'one'), factor: 2, singleFile: true });
    const copies = ['copy-01', 'copy-02'].flatMap((copy) =>
      readdirSync(join(root, 'many', copy))
        .sort()
        .map((f) => readFileSync(join(root, 'many', copy, f), 'utf8')),
    );
    expect(readdirSync(join(root, 'one'))).toEqual(['corpus-x2.txt']);
    expect(readFileSync(join(root, 'one', 'corpus-x2.txt'), 'utf8')).toBe(copies.join(''));
    expect([many.files, many.singleFile, many.cases, many.duplicateIds]).toEqual([10, null, 140, 0]);
    expect([one.files, one.singleFile, one.bytes]).toEqual([1, 'corpus-x2.txt', many.bytes]);
  }, 120_000);
});
