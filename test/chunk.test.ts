import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkCase, defaultChunkOptions } from '../src/ingest/chunk.js';
import { wordCount } from '../src/text/normalize.js';
import type { Case, LoadedDocument } from '../src/types.js';
import { realCorpus } from './corpus.js';

function syntheticCase(lines: string[]): { doc: LoadedDocument; c: Case } {
  const doc: LoadedDocument = { file: 'x.txt', kind: 'text', lines, pages: null, linesAreSource: true, headingLines: [], hash: '' };
  const c: Case = {
    id: 'x',
    title: 'X',
    file: 'x.txt',
    document: 'X',
    layout: 'article',
    organisations: [],
    nominator: null,
    targetGroup: null,
    year: null,
    sections: [{ name: 'Artikel', lineStart: 1, lineEnd: lines.length }],
    summary: '',
    contacts: [],
    lineStart: 1,
    lineEnd: lines.length,
    pageStart: null,
    pageEnd: null,
    linesAreSource: true,
  };
  return { doc, c };
}

const sentence = fc
  .array(fc.constantFrom('hjemløse', 'unge', 'bolig', 'kommune', 'indsats', 'frivillige', 'skole'), { minLength: 3, maxLength: 30 })
  .map((w) => `${w.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 40 }).map((s) => s.join(' '));
const lines = fc.array(fc.oneof(paragraph, fc.constant('')), { minLength: 1, maxLength: 12 });

describe('chunk', () => {
  it('covers the case text in order, with exact offsets and line ranges, within the size limit (property)', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const { doc, c } = syntheticCase(ls);
        const chunks = chunkCase(doc, c);
        const text = ls.join('\n');
        let at = 0;
        for (const ch of chunks) {
          expect(ch.charStart).toBeGreaterThanOrEqual(at);
          expect(text.slice(ch.charStart, ch.charEnd)).toBe(ch.text);
          expect(text.slice(at, ch.charStart).trim()).toBe('');
          expect(wordCount(ch.text)).toBeLessThanOrEqual(defaultChunkOptions.maxWords);
          expect(ls.slice(ch.lineStart - 1, ch.lineEnd).join('\n')).toContain(ch.text);
          at = ch.charEnd;
        }
        expect(text.slice(at).trim()).toBe('');
      }),
      { numRuns: 60 },
    );
  });

  it('never crosses a case and keeps the contact block in a chunk of its own (real corpus)', async () => {
    const { docs, cases } = await realCorpus();
    for (const c of cases) {
      const doc = docs.find((d) => d.file === c.file)!;
      const chunks = chunkCase(doc, c);
      for (const ch of chunks) {
        expect(ch.lineStart).toBeGreaterThanOrEqual(c.lineStart);
        expect(ch.lineEnd).toBeLessThanOrEqual(c.lineEnd);
        expect(ch.indexText.startsWith(`${c.title}. `)).toBe(true);
      }
      if (c.contacts.length && c.layout !== 'article') {
        const contactChunks = chunks.filter((ch) => ch.isContact);
        expect(contactChunks).toHaveLength(1);
        for (const p of c.contacts) if (p.email && !p.emailRepaired) expect(contactChunks[0].text).toContain(p.email);
      }
    }
  });

  it('gives the same chunk ids on every run', async () => {
    const { docs, cases } = await realCorpus();
    const c = cases.find((x) => x.title === 'Læsehestene')!;
    const doc = docs.find((d) => d.file === c.file)!;
    expect(chunkCase(doc, c).map((x) => x.id)).toEqual(chunkCase(doc, c).map((x) => x.id));
    expect(chunkCase(doc, c).map((x) => [x.lineStart, x.lineEnd, x.section])[1]).toEqual([593, 597, 'Fra udfordring']);
  });
});
