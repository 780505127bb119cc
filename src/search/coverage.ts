import type { QueryTerm } from '../index/bm25.js';
import type { SearchEngine } from './hybrid.js';

/** How coverage counts the question's words. */
export interface CoverageOptions {
  /** Least cosine similarity for a word of the case to stand in for a question word. Default 0.7. */
  neighbourSimilarity: number;
  /** Credit of a word found only through spelling correction. Default 0.5. */
  correctedCredit: number;
  /** Credit of a word the corpus does not know whole, found through its compound parts. Default 0.6. */
  compoundCredit: number;
}

export const defaultCoverageOptions: CoverageOptions = { neighbourSimilarity: 0.7, correctedCredit: 0.5, compoundCredit: 0.6 };

/** For each word of the question (as typed): the case words close to it in the embedding model, index → cosine. */
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
export function wordCredits(terms: QueryTerm[], engine: SearchEngine, caseId: string, neighbours: Neighbours | null = null, options: CoverageOptions = defaultCoverageOptions): WordCredit[] {
  const lex = engine.caseLexical;
  const bySource = new Map<string, QueryTerm[]>();
  for (const t of terms) bySource.set(t.source, [...(bySource.get(t.source) ?? []), t]);
  const out: WordCredit[] = [];
  for (const [word, group] of bySource) {
    const idf = Math.max(...group.map((t) => lex.idf(t.term)), 0.5);
    const known = group.filter((t) => t.known !== false);
    const whole = known.filter((t) => t.weight === 1);
    const parts = known.filter((t) => t.weight < 1);
    let credit = 0;
    if (whole.some((t) => lex.docHas(t.term, caseId))) credit = 1;
    // an unknown compound is a new concept even when its parts are known ("plejefamilier")
    else if (parts.length >= 2 && parts.every((t) => lex.docHas(t.term, caseId))) credit = whole.length ? 1 : options.compoundCredit;
    else if (parts.length === 1 && lex.docHas(parts[0].term, caseId)) credit = options.correctedCredit;
    else {
      const near = neighbours?.get(word);
      const held = engine.wordSpace?.caseWords.get(caseId);
      if (near && held) for (const [i, sim] of near) if (sim > credit && held.has(i)) credit = sim;
    }
    out.push({ word, idf, credit });
  }
  return out;
}

/** Share of the question's content (IDF-weighted) that a case covers, 0..1. */
export function coverage(terms: QueryTerm[], engine: SearchEngine, caseId: string, neighbours: Neighbours | null = null, options: CoverageOptions = defaultCoverageOptions): number {
  return coverageOf(wordCredits(terms, engine, caseId, neighbours, options));
}

export function coverageOf(credits: WordCredit[]): number {
  const total = credits.reduce((n, c) => n + c.idf, 0);
  return total === 0 ? 0 : credits.reduce((n, c) => n + c.idf * c.credit, 0) / total;
}

/** Mean credit of the question's `n` rarest words: whether the case has what the question is specifically about. */
export function anchorOf(credits: WordCredit[], n = 2): number {
  const top = [...credits].sort((a, b) => b.idf - a.idf).slice(0, n);
  return top.length ? top.reduce((s, c) => s + c.credit, 0) / top.length : 0;
}
