import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../src/ingest/load.js';
import { readPdf } from '../src/ingest/loaders/pdf/read.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import type { LoadedDocument } from '../src/types.js';
import { convertWithLibreOffice, makeScannedPdf } from './pdf-fixtures.js';

const ARTICLE = 'hjem-til-alle-odense-2018';
const CORPUS = new URL('../corpus/', import.meta.url).pathname;

describe('a scanned page without a text layer', () => {
  let root: string;
  let scan: Uint8Array;
  let text: LoadedDocument;
  let ocr: LoadedDocument | null;
  const logger = memoryLogger();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'casechat-pdf-scan-'));
    await mkdir(join(root, 'txt'));
    await mkdir(join(root, 'scan'));
    await copyFile(join(CORPUS, `${ARTICLE}.txt`), join(root, 'txt', `${ARTICLE}.txt`));
    // The article's one page, rendered as the scanner would see it and kept only as an image.
    const [typeset] = await convertWithLibreOffice([join(root, 'txt', `${ARTICLE}.txt`)], root);
    scan = await makeScannedPdf(typeset, 1);
    await writeFile(join(root, 'scan', 'scannet.pdf'), scan);
    text = (await loadDocument(join(root, 'txt'), `${ARTICLE}.txt`, memoryLogger()))!;
    ocr = await loadDocument(join(root, 'scan'), 'scannet.pdf', logger);
  }, 600_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is one page that paints an image and has no text', async () => {
    const read = await readPdf(await readFile(join(root, 'scan', 'scannet.pdf')));
    expect(read.ok && read.pages.map((p) => [p.items.length, p.images])).toEqual([[0, 1]]);
  });

  it('is read by OCR, said in the log, without warnings', () => {
    expect(logger.infos).toContain('scannet.pdf: page 1 read by OCR');
    expect(logger.warnings).toEqual([]);
    expect(ocr).toMatchObject({ kind: 'pdf', file: 'scannet.pdf' });
    expect(new Set(ocr!.pages)).toEqual(new Set([1]));
  });

  it('gives the paragraphs of the text version as whole lines, with blank lines between them', () => {
    expect(ocr!.lines.slice(0, 5)).toEqual([
      'date 2018-10 - Det er et unikt samarbejde.',
      '',
      'Sådan siger Jeanette Brigsted-Ruhe, der er afdelingsleder i Ungerådgivningen i Odense Kommune.',
      '',
      'Samarbejdet, hun taler om, hedder "Hjem til Alle Alliancen" og sker mellem Odense Kommune og Bikubenfonden. Sammen er de blevet enige om at reservere nogle af boligerne på Bikubenfondens private kollegie i Odense til hjemløse unge.',
    ]);
    const paragraphs = text.lines.map((l) => l.trim()).filter((l) => l.length > 80);
    expect(paragraphs.filter((p) => ocr!.lines.includes(p)).length).toBeGreaterThanOrEqual(paragraphs.length - 1);
  });

  it('gives the segmenter the case of the text version, cited on page 1', () => {
    const [fromText] = segmentCorpus([text], memoryLogger());
    const cases = segmentCorpus([ocr!], memoryLogger());
    expect(cases.map((c) => [c.title, c.pageStart, c.pageEnd])).toEqual([[fromText.title, 1, 1]]);
    expect(fromText.title).toBe('Hjem til Alle Alliancen');
  });

  it('is skipped with a warning that says how to install OCR when tesseract is missing', async () => {
    const missing = memoryLogger();
    const options = { pdf: { ocr: { tesseract: join(root, 'no-such-tesseract') } } };
    expect(await loadDocument(join(root, 'scan'), 'scannet.pdf', missing, options)).toBeNull();
    expect(missing.warnings).toEqual([
      {
        code: 'PDF_OCR_UNAVAILABLE',
        file: 'scannet.pdf',
        message: `page 1 of 1 is a scan without a text layer; OCR is off (${join(root, 'no-such-tesseract')} is not installed): apt-get install tesseract-ocr tesseract-ocr-dan poppler-utils`,
      },
      {
        code: 'EMPTY_DOCUMENT',
        file: 'scannet.pdf',
        message: 'none of its 1 pages has text (scanned without a text layer, and not read by OCR)',
      },
    ]);
  });
});
