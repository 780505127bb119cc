import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCorpus, loadDocument } from '../src/ingest/load.js';
import { splitSourceLines } from '../src/ingest/loaders/text.js';
import { memoryLogger } from '../src/log.js';
import type { LoadedDocument } from '../src/types.js';
import { encodeWindows1252, makeBinaryBytes, makeCorruptPdf, makeFixtureDir, makeHtmlPage, makeMultiPagePdf } from './fixtures.js';

const CORPUS = new URL('../corpus/', import.meta.url).pathname;
const madeDirs: string[] = [];

async function fixtureDir(files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = await makeFixtureDir(files);
  madeDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(madeDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const THREE_PAGES = [
  ['Læs, stjæl, fortæl', 'Side 1: Kære læser'],
  ['Side 2: Ærø og Øresund', 'Åbne data – “citat”', 'Økonomi på én side'],
  ['Side 3: Slut på æøå ÆØÅ'],
];

describe('loadCorpus on the real corpus', () => {
  let dir: string;
  let documents: LoadedDocument[];
  const logger = memoryLogger();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'casechat-corpus-'));
    madeDirs.push(dir);
    await cp(CORPUS, dir, { recursive: true });
    documents = await loadCorpus(dir, logger);
  });

  it('loads the five files in sorted order without warnings', () => {
    expect(documents.map((d) => d.file)).toEqual([
      'coi-business-region-aarhus-2015.txt',
      'hjem-til-alle-odense-2018.txt',
      'laes-stjael-fortael-2019.txt',
      'odense-kommune-innovation.txt',
      'sammen-ved-vi-bedst.txt',
    ]);
    expect(logger.warnings).toEqual([]);
    expect(logger.infos).toEqual([`loaded 5 of 5 files from ${dir}`]);
  });

  it('gives each file exactly its own number of lines', () => {
    expect(Object.fromEntries(documents.map((d) => [d.file, d.lines.length]))).toEqual({
      'coi-business-region-aarhus-2015.txt': 47,
      'hjem-til-alle-odense-2018.txt': 43,
      'laes-stjael-fortael-2019.txt': 4932,
      'odense-kommune-innovation.txt': 52,
      'sammen-ved-vi-bedst.txt': 619,
    });
  });

  it('keeps line i of the file at lines[i - 1]', () => {
    const laes = documents.find((d) => d.file === 'laes-stjael-fortael-2019.txt')!;
    expect(laes.lines[0]).toBe('');
    expect(laes.lines[2]).toBe('LÆS STJÆL FORTÆL');
    expect(laes.lines[220]).toBe('Tilbage Til Skole');
    expect(laes.lines[222]).toBe('INDSTILLER: Psykiatrien i Region Syddanmark');
  });

  it('keeps the last line of a file that does not end in a newline', () => {
    const hjem = documents.find((d) => d.file === 'hjem-til-alle-odense-2018.txt')!;
    expect(hjem.lines[42].startsWith('- Vi fik de første indflytninger')).toBe(true);
    expect(hjem.lines[42].endsWith('unikke samarbejde, siger hun.')).toBe(true);
  });

  it('rebuilds every file byte for byte from its lines, and hashes its bytes', async () => {
    for (const document of documents) {
      const bytes = await readFile(join(dir, document.file));
      const text = bytes.toString('utf8');
      expect(document.lines.join('\n') + (text.endsWith('\n') ? '\n' : '')).toBe(text);
      expect(document.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(document).toMatchObject({ kind: 'text', pages: null, linesAreSource: true, headingLines: [] });
    }
  });
});

describe('splitSourceLines', () => {
  it('gives back the text when its lines are joined, for any text without carriage returns', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'ø', ' ', '\n') }), (text) => {
        const lines = splitSourceLines(text);
        expect(lines.join('\n') + (text.endsWith('\n') ? '\n' : '')).toBe(text);
        expect(lines.length).toBe(text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
      }),
    );
  });

  it('strips the carriage return of Windows line ends', () => {
    expect(splitSourceLines('en\r\nto\r\n\r\ntre')).toEqual(['en', 'to', '', 'tre']);
  });
});

describe('the PDF loader', () => {
  it('gives every line of a three-page PDF its page number and keeps æøå', async () => {
    const dir = await fixtureDir({ 'rapport.pdf': await makeMultiPagePdf(THREE_PAGES) });
    const logger = memoryLogger();
    const document = await loadDocument(dir, 'rapport.pdf', logger);
    expect(logger.warnings).toEqual([]);
    expect(document).toMatchObject({ file: 'rapport.pdf', kind: 'pdf', linesAreSource: false, headingLines: [] });
    expect(document!.lines).toEqual(THREE_PAGES.flat());
    expect(document!.pages).toEqual([1, 1, 2, 2, 2, 3]);
  });

  it('warns PDF_EMPTY_PAGE for a page without text and still loads the other pages', async () => {
    const dir = await fixtureDir({ 'huller.pdf': await makeMultiPagePdf([['Første side'], [], ['Tredje side']]) });
    const logger = memoryLogger();
    const document = await loadDocument(dir, 'huller.pdf', logger);
    expect(logger.warnings).toEqual([{ code: 'PDF_EMPTY_PAGE', file: 'huller.pdf', message: 'page 2 of 3 has no text' }]);
    expect(document!.lines).toEqual(['Første side', 'Tredje side']);
    expect(document!.pages).toEqual([1, 3]);
  });

  it('skips a PDF with no text on any page as EMPTY_DOCUMENT', async () => {
    const dir = await fixtureDir({ 'scannet.pdf': await makeMultiPagePdf([[], []]) });
    const logger = memoryLogger();
    expect(await loadDocument(dir, 'scannet.pdf', logger)).toBeNull();
    expect(logger.warnings.map((w) => [w.code, w.file])).toEqual([['EMPTY_DOCUMENT', 'scannet.pdf']]);
  });

  it('parses PDFs without printing anything and without calling fetch', async () => {
    const dir = await fixtureDir({
      'rapport.pdf': await makeMultiPagePdf(THREE_PAGES),
      'broken.pdf': makeCorruptPdf(),
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const stdoutSpy = vi.spyOn(process.stdout, 'write');
    const logSpies = (['log', 'info', 'warn', 'error'] as const).map((name) => vi.spyOn(console, name));
    try {
      await loadCorpus(dir, memoryLogger());
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(stdoutSpy).not.toHaveBeenCalled();
      for (const spy of logSpies) expect(spy).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('the HTML loader', () => {
  const page = makeHtmlPage({
    title: 'Innovation | Odense Kommune',
    h1: 'Innovation i Odense Kommune',
    intro: 'Her finder du <a href="/eksempler">eksempler</a> på nye løsninger.',
    sections: [
      {
        heading: 'Eksempel: Læs, stjæl, fortæl',
        paragraphs: ['Biblioteket deler <strong>metoder</strong> med andre.', 'Kontakt: Mette Hansen'],
      },
      { heading: 'Eksempel: Hjem til alle', paragraphs: ['Unge uden bolig får et hjem.'] },
    ],
  });

  it('keeps headings as written in headingLines and drops navigation and boilerplate', async () => {
    const dir = await fixtureDir({ 'innovation.html': page });
    const logger = memoryLogger();
    const document = await loadDocument(dir, 'innovation.html', logger);
    expect(logger.warnings).toEqual([]);
    expect(document!.lines).toEqual([
      'Innovation i Odense Kommune',
      '',
      'Her finder du eksempler på nye løsninger.',
      '',
      'Eksempel: Læs, stjæl, fortæl',
      '',
      'Biblioteket deler metoder med andre.',
      '',
      'Kontakt: Mette Hansen',
      '',
      'Eksempel: Hjem til alle',
      '',
      'Unge uden bolig får et hjem.',
    ]);
    expect(document!.headingLines).toEqual([0, 4, 10]);
    expect(document).toMatchObject({ kind: 'html', pages: null, linesAreSource: false });
  });

  it('puts the <title> first, as a heading, when the page has no h1', async () => {
    const noH1 = makeHtmlPage({
      title: 'Hjem til alle – Odense',
      sections: [{ heading: 'Baggrund', paragraphs: ['Et samarbejde om boliger.'] }],
    });
    const dir = await fixtureDir({ 'hjem.htm': noH1 });
    const document = await loadDocument(dir, 'hjem.htm', memoryLogger());
    expect(document!.lines).toEqual(['Hjem til alle – Odense', '', 'Baggrund', '', 'Et samarbejde om boliger.']);
    expect(document!.headingLines).toEqual([0, 2]);
  });
});

describe('loadCorpus on a folder with bad files', () => {
  const latin = 'Kære læser, så går vi på æøå\r\nÆble – “citat” til 5 €\r\n';

  it('warns about each bad file by code and name and loads all the others', async () => {
    const dir = await fixtureDir({
      README: 'ingen endelse\n',
      'a-noter.md': '# Forord\n\nTekst\n\n```sh\n# ikke en overskrift\n```\n## Kontakt\n#hashtag\n',
      'binary.txt': makeBinaryBytes(),
      'blank.txt': '  \n\t\n',
      'broken.pdf': makeCorruptPdf(),
      'empty.txt': '',
      'latin.txt': encodeWindows1252(latin),
      'page.html': makeHtmlPage({ title: 'Side', h1: 'Overskrift', sections: [] }),
      'report.pdf': await makeMultiPagePdf(THREE_PAGES),
      'sheet.xlsx': 'PK\u0003\u0004',
      'sub/nested.txt': 'Indlejret fil\n',
      '.hidden.txt': 'skjult\n',
      '.git/config': '[core]\n',
    });
    const logger = memoryLogger();
    const documents = await loadCorpus(dir, logger);

    expect(logger.warnings.map((w) => [w.code, w.file])).toEqual([
      ['UNSUPPORTED_FILE_TYPE', 'README'],
      ['BINARY_FILE', 'binary.txt'],
      ['EMPTY_DOCUMENT', 'blank.txt'],
      ['PDF_UNREADABLE', 'broken.pdf'],
      ['EMPTY_DOCUMENT', 'empty.txt'],
      ['NON_UTF8_TEXT', 'latin.txt'],
      ['UNSUPPORTED_FILE_TYPE', 'sheet.xlsx'],
    ]);
    const messages = Object.fromEntries(logger.warnings.map((w) => [w.file, w.message]));
    expect(messages.README).toBe('extension "(none)" is not one of .txt, .md, .pdf, .html, .htm');
    expect(messages['binary.txt']).toBe('contains NUL bytes');
    expect(messages['broken.pdf']).toBe('InvalidPDFException: Invalid PDF structure.');
    expect(messages['empty.txt']).toBe('the file is empty (0 bytes)');
    expect(messages['latin.txt'].startsWith('decoded as windows-1252 (chardet ')).toBe(true);
    expect(messages['sheet.xlsx']).toBe('extension ".xlsx" is not one of .txt, .md, .pdf, .html, .htm');

    expect(documents.map((d) => [d.file, d.kind])).toEqual([
      ['a-noter.md', 'text'],
      ['latin.txt', 'text'],
      ['page.html', 'html'],
      ['report.pdf', 'pdf'],
      ['sub/nested.txt', 'text'],
    ]);
    const byFile = Object.fromEntries(documents.map((d) => [d.file, d]));
    expect(byFile['latin.txt'].lines).toEqual(['Kære læser, så går vi på æøå', 'Æble – “citat” til 5 €']);
    expect(byFile['latin.txt'].hash).toBe(createHash('sha256').update(encodeWindows1252(latin)).digest('hex'));
    expect(byFile['a-noter.md'].headingLines).toEqual([0, 7]);
    expect(byFile['page.html'].lines).toEqual(['Overskrift']);
    expect(byFile['report.pdf'].pages).toEqual([1, 1, 2, 2, 2, 3]);
    expect(byFile['sub/nested.txt'].lines).toEqual(['Indlejret fil']);
  });

  it('decodes UTF-16 with a byte order mark, with a NON_UTF8_TEXT warning', async () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from('Hej æøå\nfarvel\n', 'utf16le')]);
    const dir = await fixtureDir({ 'utf16.txt': utf16 });
    const logger = memoryLogger();
    const document = await loadDocument(dir, 'utf16.txt', logger);
    expect(document!.lines).toEqual(['Hej æøå', 'farvel']);
    expect(logger.warnings).toEqual([{ code: 'NON_UTF8_TEXT', file: 'utf16.txt', message: 'decoded as utf-16le (byte order mark)' }]);
  });

  it('warns UNREADABLE_FILE for a file that cannot be read', async () => {
    const dir = await fixtureDir({ 'findes.txt': 'ja\n' });
    const logger = memoryLogger();
    expect(await loadDocument(dir, 'findes-ikke.txt', logger)).toBeNull();
    expect(logger.warnings.map((w) => [w.code, w.file])).toEqual([['UNREADABLE_FILE', 'findes-ikke.txt']]);
    expect(logger.warnings[0].message).toMatch(/^ENOENT/);
  });

  it('skips a file over the size limit with FILE_TOO_LARGE, and loads the others', async () => {
    const dir = await fixtureDir({ 'stor.txt': `${'x'.repeat(2000)}\n`, 'lille.txt': 'kort\n' });
    const logger = memoryLogger();
    const documents = await loadCorpus(dir, logger, { maxFileBytes: 1000 });
    expect(documents.map((d) => d.file)).toEqual(['lille.txt']);
    expect(logger.warnings).toEqual([{ code: 'FILE_TOO_LARGE', file: 'stor.txt', message: '0.002 MB is over the limit of 0.001 MB (MAX_FILE_MB)' }]);
  });

  it('throws UNREADABLE_FILE when the corpus folder does not exist', async () => {
    await expect(loadCorpus(join(tmpdir(), 'casechat-no-such-folder'), memoryLogger())).rejects.toMatchObject({
      code: 'UNREADABLE_FILE',
    });
  });
});
