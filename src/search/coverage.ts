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

/** Vectors of the question's words (by the word as typed), from the embedding model. */
export type WordVectors = Map<string, Float32Array>;

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Share of the question's content that a case covers. Each word the user typed counts once,
 * weighted by its rarity (IDF over cases; a word the corpus does not know counts as rare). It is
 * covered when the case holds the word or its compound parts; a spelling correction counts half;
 * otherwise a close neighbour in the case (cosine ≥ neighbourSimilarity in the embedding model)
 * covers it by that similarity.
 */
export function coverage(terms: QueryTerm[], engine: SearchEngine, caseId: string, wordVectors: WordVectors | null = null, options: CoverageOptions = defaultCoverageOptions): number {
  const lex = engine.caseLexical;
  const bySource = new Map<string, QueryTerm[]>();
  for (const t of terms) bySource.set(t.source, [...(bySource.get(t.source) ?? []), t]);
  let total = 0;
  let covered = 0;
  for (const [word, group] of bySource) {
    const idf = Math.max(...group.map((t) => lex.idf(t.term)), 0.5);
    total += idf;
    const known = group.filter((t) => t.known !== false);
    const whole = known.filter((t) => t.weight === 1);
    if (whole.some((t) => lex.docHas(t.term, caseId))) {
      covered += idf;
      continue;
    }
    const parts = known.filter((t) => t.weight < 1);
    if (parts.length >= 2 && parts.every((t) => lex.docHas(t.term, caseId))) {
      // an unknown compound is a new concept even when its parts are known ("plejefamilier")
      covered += idf * (whole.length ? 1 : options.compoundCredit);
      continue;
    }
    if (parts.length === 1 && lex.docHas(parts[0].term, caseId)) {
      covered += idf * options.correctedCredit;
      continue;
    }
    const v = wordVectors?.get(word);
    const caseVectors = engine.caseWordVectors?.get(caseId);
    if (v && caseVectors) {
      let best = 0;
      for (const cv of caseVectors) best = Math.max(best, dot(v, cv));
      if (best >= options.neighbourSimilarity) covered += idf * best;
    }
  }
  return total === 0 ? 0 : covered / total;
}
