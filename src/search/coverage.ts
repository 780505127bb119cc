import type { QueryTerm } from '../index/bm25.js';
import type { SearchEngine } from './hybrid.js';

/**
 * Share of the question's content that a case covers: each word the user typed counts once,
 * weighted by its rarity (IDF over cases); it is covered when the case holds the word or one
 * of its expansions (compound parts, spelling correction).
 */
export function coverage(terms: QueryTerm[], _text: string, engine: SearchEngine, caseId: string): number {
  const lex = engine.caseLexical;
  const bySource = new Map<string, QueryTerm[]>();
  for (const t of terms) bySource.set(t.source, [...(bySource.get(t.source) ?? []), t]);
  let total = 0;
  let covered = 0;
  for (const group of bySource.values()) {
    const idf = Math.max(...group.map((t) => lex.idf(t.term)), 0.5);
    // words the corpus does not know at all are content no case covers
    total += idf;
    if (group.some((t) => lex.docHas(t.term, caseId))) covered += idf;
  }
  return total === 0 ? 0 : covered / total;
}
