import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/ingest/load.js';
import { segmentCorpus } from '../src/ingest/segment.js';
import { memoryLogger } from '../src/log.js';
import type { Case } from '../src/types.js';
import { realCorpus } from './corpus.js';
import { makeFixtureDir } from './fixtures.js';

const madeDirs: string[] = [];
afterAll(async () => {
  await Promise.all(madeDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Segments the files of a new folder through the real loader and segmenter. */
async function segmentFiles(files: Record<string, string>) {
  const dir = await makeFixtureDir(files);
  madeDirs.push(dir);
  const log = memoryLogger();
  const cases = segmentCorpus(await loadCorpus(dir, log), log);
  return { cases, warnings: log.warnings };
}

const byTitle = async (title: string) => (await realCorpus()).cases.find((c) => c.title === title)!;

describe('segment', () => {
  it('finds 52 cases in the award booklet, 10 in the catalogue, one per article and six page examples', async () => {
    const { cases } = await realCorpus();
    const count = (f: string) => cases.filter((c) => c.file === f).length;
    expect(count('laes-stjael-fortael-2019.txt')).toBe(52);
    expect(count('sammen-ved-vi-bedst.txt')).toBe(10);
    expect(count('coi-business-region-aarhus-2015.txt')).toBe(1);
    expect(count('hjem-til-alle-odense-2018.txt')).toBe(1);
    expect(count('odense-kommune-innovation.txt')).toBe(6);
  });

  it('gives a long booklet case its title, header fields, line range and contacts', async () => {
    const c = await byTitle('Læsehestene');
    expect(c.layout).toBe('booklet-long');
    expect([c.lineStart, c.lineEnd]).toEqual([581, 694]);
    expect(c.nominator).toBe('Lejre Kommune');
    expect(c.targetGroup).toBe('Børn i alderen 2-6 år');
    expect(c.year).toBe('2018');
    expect(c.contacts.map((p) => [p.name, p.role, p.org, p.email, p.phone])).toEqual([
      ['Sine Jung Gormsen', 'Tovholder på +DIG', 'Lejre Kommune', 'sjgo@lejre.dk', '+45 61 19 58 31'],
      ['Kari Haugan Engberg', 'tovholder', 'Læsehestene', 'kaen@lejre.dk', '+45 24 79 03 12'],
    ]);
  });

  it('joins a title split over two lines', async () => {
    const { cases } = await realCorpus();
    expect(cases.find((c) => c.lineStart === 1411)!.title).toBe('Mindhelper.dk – guider unge gennem hårde tider');
    expect(cases.find((c) => c.lineStart === 2605)!.title).toBe('Gefion: Genindretning og ombygning af botilbud');
  });

  it('recovers the title of the case that lost its header from the table of contents', async () => {
    const { cases, warnings } = await realCorpus();
    const c = cases.find((x) => x.lineStart === 3590)!;
    expect(c.title).toBe('OS2autoproses');
    expect(c.lineEnd).toBe(3691);
    expect(c.contacts[0].email).toBe('lils@syddjurs.dk');
    expect(warnings.some((w) => w.code === 'CASE_TITLE_RECOVERED' && w.message.includes('OS2autoproses'))).toBe(true);
  });

  it('reads a short everyday-innovation case with its organisation line and several contacts', async () => {
    const c = await byTitle('Virtual Reality hjælper unge med social angst');
    expect(c.layout).toBe('booklet-short');
    expect([c.lineStart, c.lineEnd]).toEqual([4432, 4468]);
    expect(c.organisations).toEqual(['Silkeborg Kommune']);
    expect(c.contacts.map((p) => p.email)).toEqual(['rfb@silkeborg.dk', 'arr@silkeborg.dk', 'mb@innovationsilkeborg.dk', 'ah@timestory.dk']);
    expect(c.contacts[2].phone).toBe('+45 30 73 96 31');
  });

  it('takes catalogue titles from the table of contents and contacts from stacked lines', async () => {
    const c = await byTitle('Tværasektorielle netværksmøder');
    expect([c.lineStart, c.lineEnd]).toEqual([186, 237]);
    const n = await byTitle('Nye veje');
    expect([n.lineStart, n.lineEnd]).toEqual([74, 119]);
    expect(n.organisations).toEqual(['Region Nordjylland', 'Morsø Kommune']);
    expect(n.contacts.map((p) => [p.name, p.role, p.org, p.email])).toEqual([
      ['Jeanette Blicher Alting', 'Specialkonsulent', 'Region Nordjylland', 'j.alting@rn.dk'],
      ['Karin Bang Andersen', 'Konsulent', 'Region Nordjylland', 'kba@rn.dk'],
      ['Charlotte Vester', 'Sundhedsfaglig leder', 'Morsø Kommune', 'cv@morsoe.dk'],
    ]);
  });

  it('repairs an email that lost its @ only against a known domain, and marks it', async () => {
    const c = await byTitle('Hjem til Alle');
    expect(c.contacts).toHaveLength(1);
    expect(c.contacts[0]).toMatchObject({
      name: 'Anne Bergvith Sørensen',
      role: 'Programchef',
      email: 'anne@hjemtilalle.dk',
      emailRepaired: true,
      emailAsWritten: 'anneghjemtilalle.dk',
      phone: '+45 25 13 60 83',
    });
  });

  it('separates contacts grouped under labels in the catalogue', async () => {
    const c = await byTitle('God løsladelse');
    expect(c.contacts.map((p) => [p.name, p.org, p.email])).toEqual([
      ['Stine Menander', 'Socialforvaltningen', 'I56Z@kk.dk'],
      ['Sara S. Lund', 'Beskæftigelses- og Integrationsforvaltningen', 'YI14@kk.dk'],
    ]);
  });

  it('gives an article without a headline the name the text keeps returning to, and no contacts for quoted people', async () => {
    const { cases } = await realCorpus();
    const c = cases.find((x) => x.file === 'hjem-til-alle-odense-2018.txt')!;
    expect(c.title).toBe('Hjem til Alle Alliancen');
    expect([c.lineStart, c.lineEnd]).toEqual([1, 43]);
    expect(c.contacts).toEqual([]);
  });

  it('reads "role name, organisation" contact lines of a press article', async () => {
    const { cases } = await realCorpus();
    const c = cases.find((x) => x.file === 'coi-business-region-aarhus-2015.txt')!;
    expect([c.lineStart, c.lineEnd]).toEqual([1, 43]);
    expect(c.contacts.map((p) => [p.name, p.role, p.phone])).toEqual([
      ['Louise Brændstrup Bech', 'Pressemedarbejder', '+45 72 28 24 45'],
      ['Monica Andersen', 'Chefkonsulent', '+45 61 81 31 03'],
      ['Signe Grønnegård', 'Udviklingsmedarbejder', '+45 24 64 31 87'],
    ]);
  });

  it('splits a page listing examples into one case per example', async () => {
    const { cases } = await realCorpus();
    const ex = cases.filter((x) => x.file === 'odense-kommune-innovation.txt');
    expect(ex.map((c) => [c.title, c.lineStart, c.lineEnd])).toEqual([
      ['Mindlab samarbejde', 16, 20],
      ['Velfærdsteknologi', 22, 26],
      ['Innovationsagenter', 30, 34],
      ['Innovation efter fyraften', 36, 38],
      ['På vej mod det næste velfærdssamfund', 40, 44],
      ['Bæredygtighedspuslespillet', 46, 48],
    ]);
  });

  it('gives every case a unique, stable slug id', async () => {
    const { cases } = await realCorpus();
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.find((c) => c.title === 'Læsehestene')!.id).toBe('laesehestene');
  });

  it('takes the title of a text document from its headline, never from its date line', async () => {
    const { cases } = await realCorpus();
    const documentOf = (file: string) => cases.find((c) => c.file === file)!.document;
    expect(documentOf('hjem-til-alle-odense-2018.txt')).toBe('Hjem til Alle Alliancen');
    expect(documentOf('coi-business-region-aarhus-2015.txt')).toBe('Nu bliver det lettere at stjæle andres løsninger');
    // a headline in capitals is made readable
    expect(documentOf('laes-stjael-fortael-2019.txt')).toBe('Læs stjæl fortæl');
  });
});

describe('the organisation a document speaks for', () => {
  const page = (intro: string, lead = 'Her er vi innovative – to eksempler:') =>
    [
      'Innovation',
      '',
      intro,
      '',
      lead,
      '',
      'Hjemmetræning med video',
      '',
      'Terapeuterne træner med borgerne over video, så de kan træne hjemme mellem besøgene. Over 300 borgere har prøvet det.',
      '',
      'Fælles sygeplejeklinik',
      '',
      'Sammen med Region Syddanmark har vi åbnet en klinik, hvor borgerne selv kan få skiftet forbindinger.',
      '',
    ].join('\n');

  it('gives the cases of a page on which an organisation speaks of its own projects ("I … Kommune arbejder vi …") that organisation', async () => {
    const { cases } = await segmentFiles({ 'vejle.txt': page('I Vejle Kommune arbejder vi hver dag med at finde nye veje til bedre velfærd.') });
    expect(cases.map((c) => [c.title, c.organisations])).toEqual([
      ['Hjemmetræning med video', ['Vejle Kommune']],
      ['Fælles sygeplejeklinik', ['Vejle Kommune', 'Region Syddanmark']],
    ]);
  });

  it('gives them no publisher when the introduction does not speak for one organisation', async () => {
    const told = await segmentFiles({ 'omtale.txt': page('Vejle Kommune arbejder hver dag med at finde nye veje til bedre velfærd.', 'To eksempler:') });
    expect(told.cases.map((c) => c.organisations)).toEqual([[], ['Region Syddanmark']]);
    const two = await segmentFiles({ 'to.txt': page('I Vejle Kommune og Region Syddanmark arbejder vi med nye veje til bedre velfærd.') });
    expect(two.cases[0].organisations).toEqual([]);
  });
});

describe('several layouts in one file', () => {
  const corpusFile = (name: string) => readFileSync(new URL(`../corpus/${name}`, import.meta.url), 'utf8');
  const summary = (c: Case) => [c.title, c.organisations.join('; '), c.contacts.map((p) => p.email ?? p.phone).join('; ')].join(' | ');

  it.each([
    ['the booklet, then the catalogue', ['laes-stjael-fortael-2019.txt', 'sammen-ved-vi-bedst.txt']],
    ['the catalogue, then the booklet', ['sammen-ved-vi-bedst.txt', 'laes-stjael-fortael-2019.txt']],
  ])('finds every case of %s, with the titles, organisations and contacts each gives alone', async (_order, names) => {
    const alone = (await realCorpus()).cases.filter((c) => names.includes(c.file));
    const { cases } = await segmentFiles({ 'samlet.txt': names.map(corpusFile).join('') });
    expect(cases).toHaveLength(62);
    expect(cases.map(summary).sort()).toEqual(alone.map(summary).sort());
    expect(new Set(cases.map((c) => c.layout))).toEqual(new Set(['booklet-long', 'booklet-short', 'catalogue']));
  });
});

describe('case ids', () => {
  const article = (title: string, text: string) => `# ${title}\n\n${text}\n`;

  it('gives a clash in another file the name of that file and in the same file a number, with a warning naming both places', async () => {
    const { cases, warnings } = await segmentFiles({
      'a-syddjurs.md': article('Borgerbudgetter', 'Syddjurs Kommune lader borgerne fordele en pulje til lokale projekter i landsbyerne.'),
      'b-favrskov.md': article('Borgerbudgetter', 'Favrskov Kommune lader borgerne i Hadsten stemme om byens nye legeplads og bypark.'),
      'c-odense.txt': [
        'Her er vi innovative – to eksempler:',
        '',
        'Borgerbudgetter',
        '',
        'Odense Kommune lader borgerne i Vollsmose fordele en pulje til projekter i bydelen.',
        '',
        'Borgerbudgetter',
        '',
        'Odense Kommune lader borgerne i Bolbro fordele en pulje til projekter i bydelen.',
        '',
      ].join('\n'),
    });
    expect(cases.map((c) => [c.id, c.file, c.lineStart])).toEqual([
      ['borgerbudgetter', 'a-syddjurs.md', 1],
      ['borgerbudgetter-b-favrskov', 'b-favrskov.md', 1],
      ['borgerbudgetter-c-odense', 'c-odense.txt', 3],
      ['borgerbudgetter-4', 'c-odense.txt', 7],
    ]);
    expect(warnings.filter((w) => w.code === 'DUPLICATE_CASE_ID').map((w) => [w.file, w.message])).toEqual([
      [
        'b-favrskov.md',
        '"Borgerbudgetter" at b-favrskov.md lines 1-3 has the id "borgerbudgetter" of the case at a-syddjurs.md lines 1-3; it is "borgerbudgetter-b-favrskov"',
      ],
      [
        'c-odense.txt',
        '"Borgerbudgetter" at c-odense.txt lines 3-5 has the id "borgerbudgetter" of the case at a-syddjurs.md lines 1-3; it is "borgerbudgetter-c-odense"',
      ],
      [
        'c-odense.txt',
        '"Borgerbudgetter" at c-odense.txt lines 7-9 has the id "borgerbudgetter" of the case at a-syddjurs.md lines 1-3; it is "borgerbudgetter-4"',
      ],
    ]);
  });

  it('are the same on every run over the same files', async () => {
    const files = {
      'x.md': article('Madskole', 'Ældre lærer at lave mad sammen i Aarhus.'),
      'y.md': article('Madskole', 'Ældre lærer at lave mad sammen i Vejle.'),
    };
    const first = await segmentFiles(files);
    const second = await segmentFiles(files);
    expect(second.cases.map((c) => c.id)).toEqual(first.cases.map((c) => c.id));
    expect(first.cases.map((c) => c.id)).toEqual(['madskole', 'madskole-y']);
  });
});
