import { describe, expect, it } from 'vitest';
import { namedCases, namedOrganisations } from '../src/search/names.js';
import type { Case } from '../src/types.js';
import { realCorpus } from './corpus.js';

describe('namedOrganisations', () => {
  it('finds an organisation by its name, its name without "Kommune", or its initials in capitals', async () => {
    const { cases } = await realCorpus();
    expect(namedOrganisations('Hvilke projekter har Herning?', cases)).toEqual(['Herning Kommune']);
    expect(namedOrganisations('Er det stadig COI, der står for det?', cases)).toEqual(['Center for Offentlig Innovation']);
    expect(namedOrganisations('Hvad gjorde Lyngby Taarbæk?', cases)).toEqual(['Lyngby-Taarbæk Kommune']);
    // initials count only in capitals: "coi" is no name
    expect(namedOrganisations('er det stadig coi der står for det', cases)).toEqual([]);
  });
});

describe('namedCases', () => {
  const cases = [
    { id: 'nordens', title: 'Medborgercenteret Nordens Plads' },
    { id: 'alle', title: 'Hjem til Alle' },
    { id: 'alliancen', title: 'Hjem til Alle Alliancen' },
    { id: 'skole', title: 'Tilbage Til Skole' },
    { id: 'heste', title: 'Læsehestene' },
    { id: 'mind', title: 'Mindhelper.dk – guider unge gennem hårde tider' },
  ] as Case[];
  // in how many cases a word stands: names are rare, everyday words common
  const df = (w: string) =>
    ({ nordens: 1, plads: 28, alle: 20, alliancen: 1, til: 70, skole: 30, tilbage: 12, læsehestene: 1, mindhelper: 1 })[w.toLowerCase()] ?? 5;
  const named = (q: string) => [...namedCases(q, cases, df)];

  it('finds a case by a run of capitalised title words, one of them rare', () => {
    expect(named('Hvad gjorde de med de unge på Nordens Plads?')).toEqual(['nordens']);
    expect(named('hvad gjorde de på nordens plads')).toEqual(['nordens']);
  });

  it('finds a case named by a web address without its domain', () => {
    expect(named('mindhelper hvem betaler for den nu')).toEqual(['mind']);
    expect(named('Hvem står bag Mindhelper.dk?')).toEqual(['mind']);
  });

  it('does not take common words of a title for its name', () => {
    expect(named('Hvordan får vi børn til skole igen?')).toEqual([]);
    expect(named('Er der plads til alle?')).toEqual([]);
  });

  it('names the longer title when one title holds another', () => {
    expect(named('Hvem står bag Hjem til Alle Alliancen?')).toEqual(['alliancen']);
    expect(named('Hvem står bag Hjem til Alle?')).toEqual(['alle']);
  });
});

describe('namedOrganisations by place', () => {
  const cases = [
    { id: 'a', organisations: ['Handicaprådet i Ringsted Kommune'] },
    { id: 'b', organisations: ['Aarhus Kommune', 'Aarhus Kommunes Biblioteker'] },
    { id: 'c', organisations: ['Københavns Kommune'] },
  ] as Case[];

  it('finds a body of a municipality by the place alone, after the bodies named outright', () => {
    expect(namedOrganisations('og i Ringsted?', cases)).toEqual(['Handicaprådet i Ringsted Kommune']);
    expect(namedOrganisations('og i København?', cases)).toEqual(['Københavns Kommune']);
    expect(namedOrganisations('Hvad gør Aarhus?', cases)).toEqual(['Aarhus Kommune', 'Aarhus Kommunes Biblioteker']);
    expect(namedOrganisations('og i Roskilde?', cases)).toEqual([]);
  });
});
