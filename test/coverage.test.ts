import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../src/index/bm25.js';
import { defaultCoverageOptions, wordCredits, type Neighbours } from '../src/search/coverage.js';
import type { SearchEngine } from '../src/search/hybrid.js';
import { doublingSlip, QUERY_STOP_WORDS } from '../src/text/analyse.js';

/** Two cases, and a word space in which word 0 ("ansatte") is held by the first. */
const lex = LexicalIndex.build([
  { id: 'job', fields: { title: 'Job til nyuddannede', orgs: '', section: '', body: 'Unge nyuddannede bliver ansatte i lokale virksomheder.' } },
  { id: 'robot', fields: { title: 'Robotter i skolen', orgs: '', section: '', body: 'Robotter hjælper syge elever.' } },
]);
const engine = { index: { caseLexical: lex }, wordSpace: { caseWords: new Map([['job', new Set([0])]]) } } as unknown as SearchEngine;
const credit = (question: string, neighbours: Neighbours) =>
  Object.fromEntries(wordCredits(lex.queryTerms(question, QUERY_STOP_WORDS), engine, 'job', neighbours).map((c) => [c.word, c.credit]));

describe('wordCredits', () => {
  it('covers a word the case holds, and one it does not hold by a close neighbour the case holds', () => {
    const near: Neighbours = new Map([['robotter', new Map([[0, 0.84]])]]);
    expect(credit('unge robotter', near)).toEqual({ unge: 1, robotter: 0.84 });
  });

  it('gives a word the corpus does not know only part of its neighbour: its vector comes from its spelling', () => {
    const near: Neighbours = new Map([['anbragte', new Map([[0, 0.84]])]]);
    const { anbragte } = credit('unge anbragte', near);
    expect(anbragte).toBeCloseTo(0.84 * defaultCoverageOptions.unknownNeighbourShare);
    expect(anbragte).toBeLessThan(0.5);
  });

  it('gives a word known only by the word it is built from a part\'s credit ("nyansatte" → "ansatte")', () => {
    expect(credit('nyansatte robotter', new Map())).toEqual({ nyansatte: defaultCoverageOptions.derivedCredit, robotter: 0 });
  });

  it('covers a word the corpus does not know by a synonym the case holds ("nyuddannet" → "dimittere"), at less than the word', () => {
    const cases = LexicalIndex.build([
      { id: 'hub', fields: { title: 'Studerende til byen', orgs: '', section: '', body: 'De første dimitterede fik job i byen.' } },
      { id: 'robot', fields: { title: 'Robotter i skolen', orgs: '', section: '', body: 'Robotter hjælper syge elever.' } },
    ]);
    const inCases = { index: { caseLexical: cases }, wordSpace: null } as unknown as SearchEngine;
    const words = (caseId: string) =>
      Object.fromEntries(wordCredits(cases.queryTerms('nyuddannede i byen', QUERY_STOP_WORDS), inCases, caseId).map((c) => [c.word, c.credit]));
    expect(words('hub')).toEqual({ nyuddannede: defaultCoverageOptions.synonymCredit, byen: 1 });
    expect(defaultCoverageOptions.synonymCredit).toBeLessThan(1);
    expect(words('robot')).toEqual({ nyuddannede: 0, byen: 0 });
    // its neighbours in the model are still those of a word the model never saw: they count only in part
    const spaced = { index: { caseLexical: cases }, wordSpace: { caseWords: new Map([['robot', new Set([0])]]) } } as unknown as SearchEngine;
    const near: Neighbours = new Map([['nyuddannede', new Map([[0, 0.84]])]]);
    const [typed] = wordCredits(cases.queryTerms('nyuddannede', QUERY_STOP_WORDS), spaced, 'robot', near);
    expect(typed.credit).toBeCloseTo(0.84 * defaultCoverageOptions.unknownNeighbourShare);
  });

  it('counts a slip of a doubled letter as the word, however short; another short slip counts half', () => {
    const words = (question: string, caseId: string) =>
      Object.fromEntries(wordCredits(lex.queryTerms(question, QUERY_STOP_WORDS), engine, caseId).map((c) => [c.word, c.credit]));
    // "robbot", "lokalle" and "ansate": a letter's length is not heard
    expect(words('robbot', 'robot')).toEqual({ robbot: 1 });
    expect(words('lokalle ansate', 'job')).toEqual({ lokalle: 1, ansate: 1 });
    // a short word with another slip ("robit") is only likely
    expect(words('robit', 'robot')).toEqual({ robit: defaultCoverageOptions.correctedCredit });
  });
});

describe('doublingSlip', () => {
  it('tells a doubled or undoubled letter from other slips', () => {
    expect(doublingSlip('komune', 'kommune')).toBe(true);
    expect(doublingSlip('skolle', 'skole')).toBe(true);
    expect(doublingSlip('hjemmlose', 'hjemlose')).toBe(true);
    expect(doublingSlip('skole', 'skole')).toBe(false);
    expect(doublingSlip('skole', 'skale')).toBe(false);
    expect(doublingSlip('robot', 'robotter')).toBe(false);
  });
});
