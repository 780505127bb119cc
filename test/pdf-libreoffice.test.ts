import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkAll } from '../src/ingest/build.js';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import type { Case, Chunk, LoadedDocument } from '../src/types.js';
import { convertWithLibreOffice } from './pdf-fixtures.js';

const CORPUS = new URL('../corpus/', import.meta.url).pathname;
const BOOKLET = 'laes-stjael-fortael-2019';
const CATALOGUE = 'sammen-ved-vi-bedst';

interface Version {
  doc: LoadedDocument;
  cases: Case[];
  chunks: Chunk[];
}

async function ingest(dir: string): Promise<Map<string, Version>> {
  const logger = memoryLogger();
  const docs = await loadCorpus(dir, logger);
  const cases = segmentCorpus(docs, logger);
  const chunks = chunkAll(docs, cases);
  const out = new Map<string, Version>();
  for (const doc of docs) {
    const base = doc.file.replace(/\.[a-z]+$/, '');
    const own = cases.filter((c) => c.file === doc.file);
    out.set(base, { doc, cases: own, chunks: chunks.filter((k) => k.file === doc.file) });
  }
  return out;
}

const contactKey = (c: Case) => c.contacts.map((p) => [p.name, p.role, p.org, p.email, p.phone].join(' | '));

/** Paragraph lines of a text file long enough to run over several PDF lines. */
const longParagraphs = (doc: LoadedDocument) => doc.lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 200);

describe('the booklet and the catalogue as PDFs made by LibreOffice from their text', () => {
  let root: string;
  let text: Map<string, Version>;
  let pdf: Map<string, Version>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'casechat-pdf-lo-'));
    const [txtDir, pdfDir] = [join(root, 'txt'), join(root, 'pdf')];
    await mkdir(txtDir);
    await mkdir(pdfDir);
    for (const base of [BOOKLET, CATALOGUE]) await copyFile(join(CORPUS, `${base}.txt`), join(txtDir, `${base}.txt`));
    await convertWithLibreOffice(
      [BOOKLET, CATALOGUE].map((b) => join(txtDir, `${b}.txt`)),
      pdfDir,
    );
    text = await ingest(txtDir);
    pdf = await ingest(pdfDir);
  }, 600_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads both PDFs, page by page, as documents of paragraphs', () => {
    for (const base of [BOOKLET, CATALOGUE]) {
      const { doc } = pdf.get(base)!;
      expect(doc.kind).toBe('pdf');
      expect(doc.pages).toHaveLength(doc.lines.length);
      expect(Math.max(...doc.pages!)).toBeGreaterThan(base === BOOKLET ? 100 : 10);
    }
  });

  for (const [base, expectedCases] of [
    [BOOKLET, 52],
    [CATALOGUE, 10],
  ] as const) {
    describe(base, () => {
      it(`the text version has its ${expectedCases} cases`, () => {
        expect(text.get(base)!.cases).toHaveLength(expectedCases);
      });

      it('gives at least 95 % of the cases of the text version, under the same titles, and no case the text does not have', () => {
        const titles = new Set(text.get(base)!.cases.map((c) => c.title));
        const found = pdf.get(base)!.cases.map((c) => c.title);
        expect(found.filter((t) => titles.has(t)).length).toBeGreaterThanOrEqual(Math.ceil(0.95 * titles.size));
        expect(found.filter((t) => !titles.has(t))).toEqual([]);
      });

      it('gives the same contacts (name, role, organisation, email, phone) as the text version for at least 95 % of the cases', () => {
        const fromText = text.get(base)!.cases;
        const same = fromText.filter((t) => {
          const p = pdf.get(base)!.cases.find((c) => c.title === t.title);
          return p !== undefined && JSON.stringify(contactKey(p)) === JSON.stringify(contactKey(t));
        });
        expect(same.length).toBeGreaterThanOrEqual(Math.ceil(0.95 * fromText.length));
        const contacts = (cases: Case[]) => cases.reduce((n, c) => n + c.contacts.length, 0);
        expect(contacts(pdf.get(base)!.cases)).toBe(contacts(fromText));
      });

      it('cites by page: every case and chunk has pages, in the order of the document', () => {
        const { cases, chunks } = pdf.get(base)!;
        for (const c of cases) expect(c.pageStart).toBeLessThanOrEqual(c.pageEnd!);
        expect(cases.map((c) => c.pageStart)).toEqual([...cases.map((c) => c.pageStart!)].sort((a, b) => a - b));
        expect(chunks.every((k) => Number.isInteger(k.page) && k.page! >= 1 && !k.linesAreSource)).toBe(true);
      });

      it('keeps at least 98 % of the long paragraphs whole across the PDF line breaks', () => {
        const lines = new Set(pdf.get(base)!.doc.lines);
        const paragraphs = longParagraphs(text.get(base)!.doc);
        expect(paragraphs.filter((p) => lines.has(p)).length).toBeGreaterThanOrEqual(Math.ceil(0.98 * paragraphs.length));
      });
    });
  }

  it('cites the first booklet case on the page it stands on, with its opening sentence whole', () => {
    const furesoe = pdf.get(BOOKLET)!.cases.find((c) => c.title === 'Furesø Fremtidsværksted')!;
    const chunk = pdf.get(BOOKLET)!.chunks.find((k) => k.caseId === furesoe.id && k.text.includes('Furesø Kommune har skabt'))!;
    expect(chunk.text).toContain(
      'Furesø Kommune har skabt Fremtidsværkstedet – et fysisk sted, men også et mindset, hvor børn og unge kan være medskabere af deres egen fremtid, erhverve sig fremtidens kompetencer og få mulighed for livslang læring.',
    );
    expect(chunk.page).toBe(furesoe.pageStart);
  });
});
