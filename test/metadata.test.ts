/**
 * Case metadata people read: organisation names (one name per organisation, never a word that is
 * no organisation), contacts and document titles, on the shipped corpus and on small fixtures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.js';
import { readOrganisations } from '../src/index/store.js';
import { parseContactBlock } from '../src/ingest/contacts.js';
import { organisationsOf, type Organisation } from '../src/ingest/organisations.js';
import { isGenericBody, orgsInText, splitOrgList } from '../src/ingest/orgs.js';
import { documentTitle, readCases } from '../src/ingest/segment.js';
import { loadCorpus } from '../src/ingest/load.js';
import { memoryLogger } from '../src/log.js';
import type { Case, LoadedDocument } from '../src/types.js';
import { testApp } from './app.js';

const CORPUS = new URL('../corpus/', import.meta.url).pathname;

/**
 * Every merge the shipped corpus needs, written by reading corpus/: the canonical name, then each
 * spelling merged into it, with why.
 * - "Halnæs Kommune" (laes-stjael-fortael-2019.txt:2384, INDSTILLER of Visitation og tillid) is
 *   misspelt: the same case's contact, Jakob Bovin, works at "Halsnæs Kommune" (jaksb@halsnaes.dk).
 * - "Lyngby Taarbæk" (laes-stjael-fortael-2019.txt:1766) is written "Lyngby-Taarbæk" in
 *   sammen-ved-vi-bedst.txt:319.
 * - "Hovedstadens beredskab" (sammen-ved-vi-bedst.txt:547) is "Hovedstadens Beredskab" twice in
 *   the same case (lines 539, 551).
 * - "COI" is defined as the abbreviation of Center for Offentlig Innovation (laes-stjael-fortael-2019.txt:16).
 *   (The web page hjem-til-alle-odense-2018.txt:31 follows the name with the link text "Se mere";
 *   the organisation reader stops before it, so no "… Se" spelling reaches the merge.)
 * - "SDU": "Syddansk Universitet (SDU, lead partner)" (laes-stjael-fortael-2019.txt:3350).
 * - "Kultur- og Slotsstyrelsen" (laes-stjael-fortael-2019.txt:801) is the agency written
 *   "Slots- og Kulturstyrelsen" in the Datademokrati case, which comes first.
 */
const EXPECTED_MERGES: Record<string, Organisation['variants']> = {
  'Center for Offentlig Innovation': [{ name: 'COI', rule: 'abbreviation' }],
  'Halsnæs Kommune': [{ name: 'Halnæs Kommune', rule: 'misspelling' }],
  'Hovedstadens Beredskab': [{ name: 'Hovedstadens beredskab', rule: 'spelling' }],
  'Lyngby-Taarbæk Kommune': [{ name: 'Lyngby Taarbæk Kommune', rule: 'spelling' }],
  'Slots- og Kulturstyrelsen': [{ name: 'Kultur- og Slotsstyrelsen', rule: 'word-order' }],
  'Syddansk Universitet': [{ name: 'SDU', rule: 'abbreviation' }],
};

let corpus: Promise<{ docs: LoadedDocument[]; cases: Case[]; organisations: Organisation[] }> | null = null;
function shipped() {
  corpus ??= loadCorpus(CORPUS, memoryLogger()).then((docs) => ({ docs, ...readCases(docs, memoryLogger()) }));
  return corpus;
}

/** Words the shipped corpus writes in lower case in running text. */
function lowerCaseWords(): Set<string> {
  const text = readdirSync(CORPUS)
    .map((f) => readFileSync(`${CORPUS}${f}`, 'utf8'))
    .join('\n')
    .replace(/\S*[@/.]\S*\.\S+/g, ' ');
  return new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}\p{L}*/gu) ?? []);
}

describe('the organisations of the shipped corpus', () => {
  it('merge exactly the spellings listed from reading the corpus', async () => {
    const { organisations } = await shipped();
    const merged = Object.fromEntries(organisations.filter((o) => o.variants.length).map((o) => [o.name, o.variants]));
    expect(merged).toEqual(EXPECTED_MERGES);
  });

  it('hold no entry that is another entry followed by an ordinary word', async () => {
    const { organisations } = await shipped();
    const names = new Set(organisations.map((o) => o.name));
    const lower = lowerCaseWords();
    const noisy = [...names].filter((n) => {
      const cut = n.lastIndexOf(' ');
      return cut > 0 && names.has(n.slice(0, cut)) && lower.has(n.slice(cut + 1).toLowerCase());
    });
    expect(noisy).toEqual([]);
    expect(names.has('Center for Offentlig Innovation Se')).toBe(false);
  });

  it('hold no lone generic word', async () => {
    const { organisations } = await shipped();
    const lone = organisations.map((o) => o.name).filter((n) => !n.includes(' ') && isGenericBody(n));
    expect(lone).toEqual([]);
    for (const word of ['Bestyrelsen', 'Stat', 'Staten', 'Kommune', 'Professionshøjskole', 'Ældrerådet']) {
      expect(organisations.map((o) => o.name)).not.toContain(word);
    }
  });

  it('hold no two entries that differ only by hyphen, space or genitive', async () => {
    const { organisations } = await shipped();
    const key = (n: string) =>
      n
        .toLowerCase()
        .replace(/[\s-]+/g, '')
        .replace(/s$/, '');
    const byKey = new Map<string, string[]>();
    for (const o of organisations) byKey.set(key(o.name), [...(byKey.get(key(o.name)) ?? []), o.name]);
    expect([...byKey.values()].filter((v) => v.length > 1)).toEqual([]);
  });

  it('give every case its organisations under their canonical names, each once', async () => {
    const { cases, organisations } = await shipped();
    const canonical = new Set(organisations.map((o) => o.name));
    for (const c of cases) {
      expect(
        c.organisations.filter((o) => !canonical.has(o)),
        c.id,
      ).toEqual([]);
      expect(new Set(c.organisations).size, c.id).toBe(c.organisations.length);
    }
    expect(cases.find((c) => c.id === 'visitation-og-tillid')!.organisations).toEqual(['Halsnæs Kommune']);
    expect(cases.find((c) => c.id === 'hjem-til-alle-alliancen')!.organisations).toEqual([
      'Odense Kommune',
      'Bikubenfonden',
      'Center for Offentlig Innovation',
    ]);
    expect(cases.find((c) => c.id === 'cafe-ingeborg')!.organisations).toEqual(['Ældrerådet i Ringsted Kommune', 'Handicaprådet i Ringsted Kommune']);
    // Skanderborg Kommune and Økonomi- og Indenrigsministeriet are read from contact lines and organisation lists kept whole
    expect(organisations.length).toBe(114);
  });

  it('are recorded in the generation as the ingest built them', async () => {
    const { organisations } = await shipped();
    const recorded = await readOrganisations(loadConfig(inject('testEnv')).indexDir);
    expect(recorded).toEqual(organisations);
  });

  it('fill the filter of /cases, one option each', async () => {
    const { organisations } = await shipped();
    const app = await testApp();
    const html = await (await app.request('/cases')).text();
    const options = [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(options).toHaveLength(organisations.length);
  });
});

describe('organisationsOf', () => {
  const kase = (id: string, organisations: string[]) => ({ id, organisations }) as Case;

  it('merges hyphen and space spellings, genitives, one-letter misspellings and defined abbreviations', () => {
    const text = [
      'Lyngby-Taarbæk Kommune og Lyngby Taarbæk Kommune.',
      'Aarhus Kommunes projekt med Aarhus Kommune.',
      'Halsnæs Kommune, Halsnæs Kommune og Halnæs Kommune.',
      'Syddansk Universitet (SDU) og SDU.',
    ].join('\n');
    const cases = [
      kase('a', ['Lyngby Taarbæk Kommune', 'Aarhus Kommunes', 'Halnæs Kommune', 'SDU']),
      kase('b', ['Lyngby-Taarbæk Kommune', 'Aarhus Kommune', 'Halsnæs Kommune', 'Syddansk Universitet']),
    ];
    const { canonical } = organisationsOf(cases, text);
    expect(Object.fromEntries(canonical)).toEqual({
      'Lyngby Taarbæk Kommune': 'Lyngby-Taarbæk Kommune',
      'Lyngby-Taarbæk Kommune': 'Lyngby-Taarbæk Kommune',
      'Aarhus Kommunes': 'Aarhus Kommune',
      'Aarhus Kommune': 'Aarhus Kommune',
      'Halnæs Kommune': 'Halsnæs Kommune',
      'Halsnæs Kommune': 'Halsnæs Kommune',
      SDU: 'Syddansk Universitet',
      'Syddansk Universitet': 'Syddansk Universitet',
    });
  });

  it('keeps apart names that only look alike: other places, a name followed by a proper noun, an undefined abbreviation', () => {
    const text = 'Vejle Sygehus og Vejen Sygehus. Center for Innovation og Center for Innovation Aarhus. KL og Kommunernes Landsforening. se mere';
    const names = ['Vejle Sygehus', 'Vejen Sygehus', 'Center for Innovation', 'Center for Innovation Aarhus', 'KL', 'Kommunernes Landsforening'];
    const { organisations } = organisationsOf([kase('a', names)], text);
    expect(organisations.map((o) => [o.name, o.variants.length])).toEqual(
      names.map((n) => [n, 0]).sort((x, y) => String(x[0]).localeCompare(String(y[0]), 'da')),
    );
  });

  it('drops a word of the next sentence that the corpus writes in lower case', () => {
    const text = 'Kilde: Center for Offentlig Innovation Se mere. Du kan se resultatet hos Center for Offentlig Innovation.';
    const { organisations } = organisationsOf([kase('a', ['Center for Offentlig Innovation Se']), kase('b', ['Center for Offentlig Innovation'])], text);
    expect(organisations).toEqual([
      { name: 'Center for Offentlig Innovation', variants: [{ name: 'Center for Offentlig Innovation Se', rule: 'next-word' }], cases: ['a', 'b'] },
    ]);
  });
});

describe('reading organisation names', () => {
  it('never takes a generic body alone for an organisation', () => {
    expect(orgsInText('Bestyrelsen består af repræsentanter fra virksomheder og kommunen.')).toEqual([]);
    expect(splitOrgList('Stat og alle landets kommuner.')).toEqual([]);
    expect(splitOrgList('Dragør og Københavns Kommuner, Region Hovedstaden og staten.')).toEqual([
      'Dragør Kommune',
      'Københavns Kommune',
      'Region Hovedstaden',
    ]);
  });

  it('keeps a generic body with the name it belongs to', () => {
    expect(splitOrgList('Odense Universitetshospital (Region Syddanmark) og UCL Erhvervsakademi og Professionshøjskole')).toEqual([
      'Odense Universitetshospital',
      'UCL Erhvervsakademi og Professionshøjskole',
      'Region Syddanmark',
    ]);
    expect(splitOrgList('Ældrerådet og Handicaprådet i Ringsted Kommune')).toEqual(['Ældrerådet i Ringsted Kommune', 'Handicaprådet i Ringsted Kommune']);
  });

  it('reads a centre whose name holds an ampersand whole', () => {
    expect(orgsInText('et samarbejde mellem Lejre Bibliotek & Arkiv, Center for Børn & Læring og +DIG-sekretariatet')).toEqual(['Center for Børn & Læring']);
  });
});

describe('contacts', () => {
  it('make a person written with two addresses one contact with both', () => {
    const lines = ['Kirsten Engholm, tværsektoriel projektleder, Borgerdesign.dk', '', '📞 23 69 16 47', '', '✉️ kiej@aarhus.dk / kirjen@rm.dk'].map(
      (text, i) => ({ n: 3330 + i, text }),
    );
    const people = parseContactBlock(lines, { knownDomains: new Set(), domainHints: [] });
    expect(people).toEqual([
      {
        name: 'Kirsten Engholm',
        role: 'tværsektoriel projektleder',
        org: 'Borgerdesign.dk',
        email: 'kiej@aarhus.dk',
        emails: ['kiej@aarhus.dk', 'kirjen@rm.dk'],
        phone: '+45 23 69 16 47',
        phoneAsWritten: '23 69 16 47',
        emailRepaired: false,
        emailAsWritten: null,
        lineStart: 3330,
        lineEnd: 3334,
      },
    ]);
  });

  it('list each person of a shipped case once', async () => {
    const { cases } = await shipped();
    for (const c of cases) expect(new Set(c.contacts.map((p) => p.name)).size, c.id).toBe(c.contacts.length);
    expect(cases.find((c) => c.id === 'borgerdesign')!.contacts.map((p) => [p.name, p.emails])).toEqual([
      ['Kirsten Engholm', ['kiej@aarhus.dk', 'kirjen@rm.dk']],
    ]);
  });
});

describe('document titles', () => {
  const doc = (lines: string[], headingLines: number[] = []): LoadedDocument => ({
    file: 'artikel-2018.txt',
    kind: 'text',
    lines,
    pages: null,
    linesAreSource: true,
    headingLines,
    hash: '',
  });

  it("come from the document's own heading or first line, never a dateline", () => {
    expect(documentTitle(doc([' date 2018-10 - Det er et unikt samarbejde.', '', 'Et nyt hjem til unge', '', 'Sådan siger hun.']))).toBe(
      'Et nyt hjem til unge',
    );
    expect(documentTitle(doc(['23/01/2015 09:45', 'Nu bliver det lettere']))).toBe('Nu bliver det lettere');
    expect(documentTitle(doc(['Spring til indhold', '', 'LÆS STJÆL FORTÆL', '', 'En casesamling.']))).toBe('Læs stjæl fortæl');
    expect(documentTitle(doc(['date 2018-10', 'Overskrift fra siden', 'Mellemrubrik'], [0, 1]))).toBe('Overskrift fra siden');
  });

  it('are absent when the text opens with a sentence', () => {
    expect(documentTitle(doc([' date 2018-10 - Det er et unikt samarbejde.', '', 'Sådan siger Jeanette, der er afdelingsleder.']))).toBeNull();
  });

  it('of the shipped documents are their titles, and an article without one is named by its case', async () => {
    const { cases } = await shipped();
    const titles = Object.fromEntries(cases.map((c) => [c.file, c.document]));
    expect(titles).toEqual({
      'coi-business-region-aarhus-2015.txt': 'Nu bliver det lettere at stjæle andres løsninger',
      'hjem-til-alle-odense-2018.txt': 'Hjem til Alle Alliancen',
      'laes-stjael-fortael-2019.txt': 'Læs stjæl fortæl',
      'odense-kommune-innovation.txt': 'Innovation',
      'sammen-ved-vi-bedst.txt': 'Sammen ved vi bedst',
    });
  });
});
