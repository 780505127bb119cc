import type { Embedder } from '../embed/embedder.js';
import type { LexicalIndex, QueryTerm } from '../index/bm25.js';
import type { LoadedIndex } from '../index/store.js';
import type { HnswIndex } from '../index/vectors.js';
import { englishToDanish, isEnglish } from '../text/english.js';
import type { Case, Chunk } from '../types.js';
import { term } from '../text/analyze.js';
import { anchorOf, coverageOf, defaultCoverageOptions, wordCredits, type Neighbours } from './coverage.js';
import { caseTexts, chunksByCase } from '../index/derived.js';
import { namedCases, namedOrganisations } from './names.js';

/** Which halves of the search run: both (fused), or one alone (for ablations). */
export type SearchMode = 'hybrid' | 'lexical' | 'dense';

/** Search options. */
export interface SearchOptions {
  /** Cases to return. Default 10. */
  k: number;
  mode: SearchMode;
  /** Candidate chunks taken from each half. Default 100. */
  candidates: number;
  /** Reciprocal-rank-fusion constant. Default 60. */
  rrfK: number;
  /** Weights of the fused rankings: chunk BM25, case BM25, dense. Defaults 1, 1, 0.5. */
  weights: { chunk: number; case: number; dense: number };
  /** Boost of a case whose title or organisation the query names. Default 0.02 (RRF units). */
  nameBoost: number;
  /** Least share of the question's content (IDF-weighted) the best cases must cover, else no result. Default 0.4. */
  minCoverage: number;
  /**
   * Below this coverage, the best cases must also hold the question's two rarest words (mean
   * credit ≥ 0.5), else no result: a question about "lønforhandlinger" is not answered by a case
   * that only shares its common words. Default 0.6.
   */
  anchoredCoverage: number;
  /** A best case whose passage is this close to the question (cosine) keeps a weakly covered question. Default 0.6. */
  denseSupport: number;
  /** Below this cosine, a question the best cases cover under anchoredCoverage and with at most half its rarest words is declined. Default 0.45. */
  denseWeak: number;
  /** Passages returned per case. Default 2. */
  passages: number;
  /** Weight of a case's coverage of the question when the best candidates are re-ranked (RRF units). Default 0.01. */
  coverageWeight: number;
  /** Candidates re-ranked by coverage. Default 20. */
  rerank: number;
}

export const defaultSearchOptions: SearchOptions = {
  k: 10,
  mode: 'hybrid',
  candidates: 100,
  rrfK: 60,
  weights: { chunk: 1, case: 1, dense: 0.5 },
  nameBoost: 0.02,
  minCoverage: 0.4,
  anchoredCoverage: 0.6,
  denseSupport: 0.6,
  denseWeak: 0.45,
  passages: 2,
  coverageWeight: 0.01,
  rerank: 20,
};

export interface Passage {
  chunk: Chunk;
  score: number;
}

export interface CaseHit {
  case: Case;
  score: number;
  passages: Passage[];
  /** Share of the question's content words found in the case. */
  coverage: number;
  /** Mean credit of the question's two rarest words in the case. */
  anchor: number;
}

export interface SearchResult {
  query: string;
  terms: QueryTerm[];
  hits: CaseHit[];
  /** Why nothing was returned, when nothing was. */
  declined: 'no-terms' | 'low-coverage' | null;
}

/** The loaded parts search runs on. */
export interface SearchEngine {
  index: LoadedIndex;
  embedder: Embedder | null;
  /** BM25 over whole cases (built at load from the chunks). */
  caseLexical: LexicalIndex;
  caseById: Map<string, Case>;
  chunkById: Map<string, Chunk>;
  /** Chunks of each case, in order. */
  chunksOfCase: Map<string, Chunk[]>;
  /** Full text of each case. */
  caseText: Map<string, string>;
  /** The cases' content words in the embedding space (close-neighbour coverage), when an embedder is loaded. */
  wordSpace: WordSpace | null;
}

/** Most query words whose close neighbours are remembered; the map is cleared when it is full. */
const NEIGHBOUR_MEMO_SIZE = 50_000;

/** The distinct content words of all cases in the embedding space, and which words each case holds. */
export interface WordSpace {
  /** HNSW over the words' vectors (label = word index). */
  index: HnswIndex;
  words: string[];
  caseWords: Map<string, Set<number>>;
  /** Close neighbours of the query words seen so far (a word's neighbours never change for an index). */
  memo: Map<string, Map<number, number>>;
}

/** Case words within `min` cosine of a vector, among its `k` nearest: word index → similarity, most similar first. */
export function neighboursOf(space: WordSpace, v: Float32Array, min: number, k = 50): Map<number, number> {
  const near = space.index.search(v, k).filter((h) => h.similarity >= min);
  return new Map(near.sort((a, b) => b.similarity - a.similarity).map((h) => [h.label, h.similarity]));
}

/** Prepares the search engine from a loaded index: lookups over what the generation stores. */
export function createSearchEngine(index: LoadedIndex, embedder: Embedder | null): SearchEngine {
  const chunksOfCase = chunksByCase(index.chunks);
  const wordSpace: WordSpace | null = embedder && {
    index: index.wordVectors,
    words: index.caseWords.words,
    caseWords: new Map(Object.entries(index.caseWords.cases).map(([id, ws]) => [id, new Set(ws)])),
    memo: new Map(),
  };
  return {
    index,
    embedder,
    caseLexical: index.caseLexical,
    caseById: new Map(index.cases.map((c) => [c.id, c])),
    chunkById: new Map(index.chunks.map((c) => [c.id, c])),
    chunksOfCase,
    caseText: caseTexts(index.cases, chunksOfCase),
    wordSpace,
  };
}

function rankCases(chunkIds: string[], engine: SearchEngine): string[] {
  const out: string[] = [];
  for (const id of chunkIds) {
    const c = engine.chunkById.get(id)?.caseId;
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

/** Number of cases a written word appears in (its analysed term in the case-level index). */
export function caseDf(engine: SearchEngine): (word: string) => number {
  return (word: string) => {
    const t = term(word.toLowerCase());
    return t ? engine.caseLexical.df(t) : Infinity;
  };
}

/**
 * Whether the best cases leave the question unanswered: weakly covered (coverage under
 * minCoverage, or under anchoredCoverage without the rarest words) with no near passage, or
 * half-covered with only far passages. See DESIGN.md for the measured trade-off.
 */
function declines(top: CaseHit[], engine: SearchEngine, denseScore: Map<string, number>, o: SearchOptions): boolean {
  const cov = Math.max(...top.map((h) => h.coverage));
  const anchor = Math.max(...top.map((h) => h.anchor));
  const near = Math.max(0, ...top.flatMap((h) => (engine.chunksOfCase.get(h.case.id) ?? []).map((c) => denseScore.get(c.id) ?? 0)));
  const weak = cov < o.minCoverage || (cov < o.anchoredCoverage && anchor < 0.5);
  return (weak && near < o.denseSupport) || (cov < o.anchoredCoverage && anchor <= 0.5 && near < o.denseWeak);
}

/**
 * Hybrid search: chunk-level BM25, case-level BM25 and dense HNSW rankings fused by RRF, one
 * result per case with its best passages. A question whose content the best case does not
 * cover is declined (no result) rather than answered with the least-bad case.
 */
export async function search(engine: SearchEngine, query: string, options: Partial<SearchOptions> = {}): Promise<SearchResult> {
  const o = { ...defaultSearchOptions, ...options, weights: { ...defaultSearchOptions.weights, ...options.weights } };
  const asked = query;
  // plain English questions are searched with Danish words
  if (isEnglish(query)) query = englishToDanish(query);
  const terms = engine.index.lexical.queryTerms(query);
  const useLex = o.mode !== 'dense';
  const useDense = o.mode !== 'lexical' && engine.embedder !== null;
  const chunkLex = useLex ? engine.index.lexical.searchTerms(terms, o.candidates) : [];
  const caseLex = useLex ? engine.caseLexical.searchTerms(engine.caseLexical.queryTerms(query), o.candidates) : [];
  let dense: Array<{ id: string; similarity: number }> = [];
  let neighbours: Neighbours | null = null;
  if (engine.embedder && engine.wordSpace && terms.length > 0) {
    const space = engine.wordSpace;
    const sources = [...new Set(terms.map((t) => t.source))];
    const unseen = sources.filter((w) => !space.memo.has(w));
    if (unseen.length) {
      const vs = await engine.embedder.embed(unseen, 'passage');
      if (space.memo.size + unseen.length > NEIGHBOUR_MEMO_SIZE) space.memo.clear();
      unseen.forEach((w, i) => space.memo.set(w, neighboursOf(space, vs[i], defaultCoverageOptions.neighbourSimilarity)));
    }
    neighbours = new Map(sources.map((w) => [w, space.memo.get(w)!]));
  }
  // the dense half also serves the decision to decline, in every mode that has a model
  if (engine.embedder && (terms.length > 0 || o.mode === 'dense')) {
    const [qv] = await engine.embedder!.embed([query], 'query');
    dense = engine.index.vectors.search(qv, o.candidates).map((h) => ({ id: engine.index.chunks[h.label].id, similarity: h.similarity }));
  }
  if (o.mode !== 'dense' && terms.length === 0) return { query: asked, terms, hits: [], declined: 'no-terms' };

  const fused = new Map<string, number>();
  const addRanking = (ids: string[], w: number) => ids.forEach((id, r) => fused.set(id, (fused.get(id) ?? 0) + w / (o.rrfK + r + 1)));
  addRanking(rankCases(chunkLex.map((h) => h.id), engine), o.weights.chunk);
  addRanking(caseLex.map((h) => h.id), o.weights.case);
  if (useDense) addRanking(rankCases(dense.map((h) => h.id), engine), o.weights.dense);
  for (const id of namedCases(query, engine.index.cases, caseDf(engine))) if (fused.has(id) || o.mode !== 'dense') fused.set(id, (fused.get(id) ?? 0) + o.nameBoost);
  // a named organisation lifts its cases among those already found
  const orgs = new Set(namedOrganisations(query, engine.index.cases).map((x) => x.toLowerCase()));
  if (orgs.size) for (const c of engine.index.cases) if (fused.has(c.id) && c.organisations.some((x) => orgs.has(x.toLowerCase()))) fused.set(c.id, fused.get(c.id)! + o.nameBoost / 2);

  const lexScore = new Map(chunkLex.map((h) => [h.id, h.score]));
  const denseScore = new Map(dense.map((h) => [h.id, h.similarity]));
  const maxLex = Math.max(1e-9, ...chunkLex.map((h) => h.score));
  // the best candidates are re-ranked by how much of the question each case covers
  const candidates = [...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.max(o.k, o.rerank));
  const hits: CaseHit[] = candidates
    .map(([caseId, score]) => {
      const credits = wordCredits(terms, engine, caseId, neighbours);
      const cov = coverageOf(credits);
      return { caseId, cov, anchor: anchorOf(credits), score: score + (o.mode === 'dense' ? 0 : o.coverageWeight * cov) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, o.k)
    .map(({ caseId, cov, anchor, score }) => {
      const chunks = engine.chunksOfCase.get(caseId) ?? [];
      // on near ties the earlier passage wins: cases open with what they are about
      const passages = chunks
        .map((chunk, i) => ({ chunk, score: (lexScore.get(chunk.id) ?? 0) / maxLex + (denseScore.get(chunk.id) ?? 0) * 0.5 - (chunk.isContact ? 0.3 : 0) - 0.02 * i }))
        .sort((a, b) => b.score - a.score)
        .slice(0, o.passages);
      return { case: engine.caseById.get(caseId)!, score, passages, coverage: cov, anchor };
    });
  // a question that names an organisation is answered by that organisation's cases
  const namesItsCase = hits.slice(0, 3).some((h) => h.case.organisations.some((x) => orgs.has(x.toLowerCase())));
  if (o.mode !== 'dense' && hits.length && !namesItsCase && declines(hits.slice(0, 3), engine, denseScore, o)) {
    return { query: asked, terms, hits: [], declined: 'low-coverage' };
  }
  return { query: asked, terms, hits, declined: null };
}
