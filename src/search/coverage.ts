import type { QueryTerm } from '../index/bm25.js';
import { coverageOf } from './decide.js';
import type { SearchEngine } from './hybrid.js';
import { doublingSlip, term } from '../text/analyse.js';

const NO_STOP: ReadonlySet<string> = new Set();

/** How coverage counts the question's words. */
export interface CoverageOptions {
  /** Least cosine similarity for a word of the case to stand in for a question word. Default 0.8. */
  neighbourSimilarity: number;
  /** Credit of a word found only through spelling correction. Default 0.5. */
  correctedCredit: number;
  /**
   * A correction is confident, and counts as the word itself, for a word this long or longer one slip
   * away, or for any word whose only slip is a doubled or undoubled letter (`doublingSlip`). Default 8.
   */
  confidentLength: number;
  /** Credit of a word the corpus does not know whole, found through its compound parts. Default 0.6. */
  compoundCredit: number;
  /** Credit of a word the corpus does not know, found as the word it is built from ("nyuddannede" → "uddannede"). Default 0.6, as a compound. */
  derivedCredit: number;
  /** Credit of a word the corpus does not know, found as a word the cases use for it (the profile's `synonyms`). Default 0.8. */
  synonymCredit: number;
  /**
   * Credit of a word found only as another of its family (see `LexicalIndex.family`). Default 0:
   * in the decision to decline it answered more near-miss questions than it saved (measured on dev
   * and the held-out questions); the planner gives it 0.8 to tell whether the case discussed holds
   * a word.
   */
  familyCredit: number;
  /**
   * Share of a close neighbour's credit for a word the corpus does not know at all. The model never
   * saw such a word: its vector comes from its spelling pieces alone, so its neighbours share
   * spelling more than meaning ("anbragte" met "ansatte"). Default 0.5: from 0 to 0.6 no
   * answerable question on dev or the held-out sets changed, and a near-miss about foster
   * families was no longer answered with a case about young graduates; at 1 it was.
   */
  unknownNeighbourShare: number;
}

export const defaultCoverageOptions: CoverageOptions = {
  neighbourSimilarity: 0.8,
  correctedCredit: 0.5,
  confidentLength: 8,
  compoundCredit: 0.6,
  derivedCredit: 0.6,
  synonymCredit: 0.8,
  familyCredit: 0,
  unknownNeighbourShare: 0.5,
};

/** For each word of the question (as typed): the case words close to it in the embedding model, index → cosine, most similar first. */
export type Neighbours = Map<string, Map<number, number>>;

/** How well a case covers one word of the question: its rarity and the credit (0..1) it gets. */
export interface WordCredit {
  word: string;
  idf: number;
  credit: number;
}

/**
 * How a case covers each word the user typed. A word is weighted by its rarity (IDF over cases;
 * a word the corpus does not know counts as rare). It is covered when the case holds the word or
 * its compound parts; a spelling correction counts half; otherwise a close neighbour in the case
 * (cosine ≥ neighbourSimilarity in the embedding model) covers it by that similarity.
 */
export function wordCredits(
  terms: QueryTerm[],
  engine: SearchEngine,
  caseId: string,
  neighbours: Neighbours | null = null,
  options: CoverageOptions = defaultCoverageOptions,
): WordCredit[] {
  const lex = engine.index.caseLexical;
  const out: WordCredit[] = [];
  for (const { word, idf, whole, parts, derived, synonyms, corrections, family } of groupsOf(terms, engine)) {
    let credit = 0;
    if (whole.some((t) => lex.docHas(t, caseId))) credit = 1;
    else if (parts.length >= 2 && parts.every((t) => lex.docHas(t, caseId))) credit = whole.length ? 1 : options.compoundCredit;
    else if (derived.some((t) => lex.docHas(t, caseId))) credit = options.derivedCredit;
    else if (synonyms.some((t) => lex.docHas(t, caseId))) credit = options.synonymCredit;
    else if (corrections.some((t) => lex.docHas(t.term, caseId)))
      credit = corrections.some((t) => t.confident && lex.docHas(t.term, caseId)) ? 1 : options.correctedCredit;
    else if (options.familyCredit > 0 && family.some((t) => lex.docHas(t, caseId))) credit = options.familyCredit;
    else {
      const near = neighbours?.get(word);
      const held = engine.wordSpace?.caseWords.get(caseId);
      // most similar first: the first neighbour the case holds gives the credit
      if (near && held)
        for (const i of near.keys())
          if (held.has(i)) {
            const sim = near.get(i) ?? 0;
            credit = Math.max(credit, whole.length || parts.length || derived.length ? sim : sim * options.unknownNeighbourShare);
            break;
          }
    }
    out.push({ word, idf, credit });
  }
  return out;
}

/** The question's words as typed, with their rarity and their known terms: whole, or parts (compound parts, corrections). */
interface WordGroup {
  word: string;
  idf: number;
  whole: string[];
  parts: string[];
  /** The known word it is built from (`derivationBases`). */
  derived: string[];
  /** The words the cases use for it (the profile's `synonyms`). */
  synonyms: string[];
  corrections: Array<{ term: string; confident: boolean }>;
  /** Terms of the same family as the word's own (whole or unknown) term. */
  family: string[];
}

/** Groups of a query's terms, computed once per query (the candidates' credits are all taken against the same terms). */
const GROUPS = new WeakMap<QueryTerm[], WordGroup[]>();

function groupsOf(terms: QueryTerm[], engine: SearchEngine): WordGroup[] {
  let groups = GROUPS.get(terms);
  if (groups) return groups;
  const lex = engine.index.caseLexical;
  const bySource = new Map<string, QueryTerm[]>();
  for (const t of terms) {
    let list = bySource.get(t.source);
    if (!list) bySource.set(t.source, (list = []));
    list.push(t);
  }
  groups = [...bySource].map(([word, group]) => {
    return {
      word,
      idf: Math.max(...group.map((t) => lex.idf(t.term)), 0.5),
      whole: group.filter((t) => t.kind === 'word').map((t) => t.term),
      parts: group.filter((t) => t.kind === 'part').map((t) => t.term),
      derived: group.filter((t) => t.kind === 'derived').map((t) => t.term),
      synonyms: group.filter((t) => t.kind === 'synonym').map((t) => t.term),
      corrections: group
        .filter((t) => t.kind === 'correction')
        .map((t) => ({
          term: t.term,
          confident: ((t.distance ?? 2) <= 1 && word.length >= defaultCoverageOptions.confidentLength) || doublingSlip(term(word, NO_STOP) ?? word, t.term),
        })),
      family: group.filter((t) => t.kind === 'word' || t.kind === 'unknown').flatMap((t) => lex.family(t.term)),
    };
  });
  GROUPS.set(terms, groups);
  return groups;
}

/** Share of the question's content (IDF-weighted) that a case covers, 0..1. */
export function coverage(
  terms: QueryTerm[],
  engine: SearchEngine,
  caseId: string,
  neighbours: Neighbours | null = null,
  options: CoverageOptions = defaultCoverageOptions,
): number {
  return coverageOf(wordCredits(terms, engine, caseId, neighbours, options));
}
