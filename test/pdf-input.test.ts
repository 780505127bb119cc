import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/ingest/load.js';
import { memoryLogger } from '../src/log.js';
import { makeFixtureDir, makeMultiPagePdf } from './fixtures.js';
import { makeEncryptedPdf } from './pdf-fixtures.js';

const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('PDFs that cannot be read', () => {
  it('are skipped with a coded warning naming the file, and the readable PDF beside them is loaded', async () => {
    const good = await makeMultiPagePdf([['Borgerbudgetter i landsbyerne'], ['Kontakt: Mette Hansen']]);
    const dir = await makeFixtureDir({
      'afskaaret.pdf': good.slice(0, Math.floor(good.length / 2)),
      'blank.pdf': await makeMultiPagePdf([[], []]),
      'krypteret.pdf': await makeEncryptedPdf(),
      'rapport.pdf': good,
      'tom.pdf': new Uint8Array(0),
    });
    dirs.push(dir);
    const logger = memoryLogger();
    const documents = await loadCorpus(dir, logger);
    expect(documents.map((d) => [d.file, d.lines, d.pages])).toEqual([['rapport.pdf', ['Borgerbudgetter i landsbyerne', 'Kontakt: Mette Hansen'], [1, 2]]]);
    expect(logger.warnings).toEqual([
      { code: 'PDF_UNREADABLE', file: 'afskaaret.pdf', message: 'InvalidPDFException: Invalid PDF structure.' },
      { code: 'EMPTY_DOCUMENT', file: 'blank.pdf', message: 'none of its 2 pages has text' },
      { code: 'PDF_ENCRYPTED', file: 'krypteret.pdf', message: 'PasswordException: No password given' },
      { code: 'EMPTY_DOCUMENT', file: 'tom.pdf', message: 'the file is empty (0 bytes)' },
    ]);
  });
});
