import { describe, expect, it } from 'vitest';
import { namedOrganisations } from '../src/search/names.js';
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
