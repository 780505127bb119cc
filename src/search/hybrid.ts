import { Memo } from '../cache.js';
import { MEMO_LIMITS } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import type { QueryTerm } from '../index/bm25.js';
import type { LoadedIndex } from '../index/store.js';
import type { HnswIndex } from '../index/vectors.js';
import { englishToDanish, isEnglish } from '../language/english.js';
import type { Case, Chunk } from '../types.js';
import { term } from '../text/analyse.js';
import { defaultCoverageOptions, wordCredits, type Neighbours, type WordCredit } from './coverage.js';
import { coverageOf, decide, headOf, type CaseEvidence, type Decision, type DeclineReason, type DecideOptions } from './decide.js';
import { chunksByCase } from '../index/derived.js';
import { namedCases, namedOrganisations } from './names.js';

/** Which halves of the search run: both (fused), or one alone (for ablations). */
export type SearchMode = 'hybrid' | 'lexical' | 'dense';

/** Search options; the thresholds of the decision to answer are `DecideOptions`. */
export interface SearchOptions extends DecideOptions {
  /** Cases to return. Default 10. */
  k: number;
  mode: SearchMode;
  /** Candidate chunks taken from each half. Default 100. */
  candidates: number;
  /** Reciprocal-rank-fusion constant. Default 60. */
  rrfK: number;
  /** Weights of the fused rankings: chunk BM25, case BM25, dense. Defaults 1, 1, 0.5. */
  weights: { chunk: number; case: number; dense: number };
  /** Boost of a case whose title the query names. Default 0.02 (RRF units). */
  nameBoost: number;
  /**
   * Share of nameBoost a case of an organisation the query names gets. Default 0.25: the
   * organisation says where, the other words what, and a case that holds them all must not be
   * passed by the organisation's other cases.
   */
  organisationShare: number;
  /** Passages returned per case. Default 2. */
  passages: number;
  /** Weight of a case's coverage of the question when the best candidates are re-ranked (RRF units). Default 0.01. */
  coverageWeight: number;
  /**
   * Weight of a case's best passage (how well the question's words meet in one place, 1 for the
   * best-matching passage of the query) when the best candidates are re-ranked (RRF units).
   * Default 0.005: first-turn hit@1 rose from 0.886 to 0.902 on dev and from 0.909 to 0.927 on the
   * held-out questions, hit@5 stayed (0.974, 0.982).
   */
  passageWeight: number;
  /** Candidates re-ranked by coverage. Default 20. */
  rerank: number;
  /** Cases the decision looks at. Default 3. */
  decideOver: number;
  /** Only these cases may be returned (a refinement narrows the earlier topic's cases). Default: all. */
  within: ReadonlySet<string> | null;
  /** These cases are never returned (cases already shown, for "are there others?"). Default: none. */
  exclude: ReadonlySet<string> | null;
  /**
   * The question as asked, when the query is only its focus words: a candidate's passages are
   * scored by their closeness to the whole question, whose other words ("… for at få dem
   * tilbage?") carry meaning an embedding can use. The retrieval and the decision keep the focus
   * words. Default: none (the query is embedded).
   */
  asked: string | null;
}

export const defaultSearchOptions: SearchOptions = {
  k: 10,
  mode: 'hybrid',
  candidates: 100,
  rrfK: 60,
  weights: { chunk: 1, case: 1, dense: 0.5 },
  nameBoost: 0.02,
  organisationShare: 0.25,
  minCoverage: 0.4,
  minHead: 0.5,
  anchoredCoverage: 0.65,
  denseSupport: 0.65,
  denseWeak: 0.45,
  headShare: 1 / 3,
  longWords: 6,
  longCoverage: 0.3,
  passages: 2,
  coverageWeight: 0.01,
  passageWeight: 0.005,
  rerank: 20,
  decideOver: 3,
  within: null,
  exclude: null,
  asked: null,
  aside: null,
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
  /** Mean credit of the question's head words (its most distinctive) in the case. */
  head: number;
}

export interface SearchResult {
  query: string;
  terms: QueryTerm[];
  hits: CaseHit[];
  /** Why nothing was returned, when nothing was. */
  declined: DeclineReason;
  /** What the decision to answer saw (null in dense mode and without terms). */
  decision: Decision | null;
  /** When the question was declined, the cases that hold some of its words all the same, best first: topics that do exist, to suggest. */
  nearest?: Case[];
}

/** The loaded parts search runs on. */
export interface SearchEngine {
  index: LoadedIndex;
  embedder: Embedder | null;
  caseById: Map<string, Case>;
  chunkById: Map<string, Chunk>;
  /** Chunks of each case, in order. */
  chunksOfCase: Map<string, Chunk[]>;
  /** The cases' content words in the embedding space (close-neighbour coverage), when an embedder is loaded. */
  wordSpace: WordSpace | null;
}

/** The distinct content words of all cases in the embedding space, and which words each case holds. */
export interface WordSpace {
  /** HNSW over the words' vectors (label = word index). */
  index: HnswIndex;
  words: string[];
  caseWords: Map<string, Set<number>>;
  /** Close neighbours of the query words seen so far (a word's neighbours never change for an index). */
  memo: Memo<string, Map<number, number>>;
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
    memo: new Memo(MEMO_LIMITS.neighbours),
  };
  return {
    index,
    embedder,
    caseById: new Map(index.cases.map((c) => [c.id, c])),
    chunkById: new Map(index.chunks.map((c) => [c.id, c])),
    chunksOfCase,
    wordSpace,
  };
}

function rankCases(chunkIds: string[], engine: SearchEngine): string[] {
  const out = new Set<string>();
  for (const id of chunkIds) {
    const c = engine.chunkById.get(id)?.caseId;
    if (c) out.add(c);
  }
  return [...out];
}

/** Number of cases a written word appears in (its analysed term in the case-level index). */
export function caseDf(engine: SearchEngine): (word: string) => number {
  return (word: string) => {
    const t = term(word.toLowerCase());
    return t ? engine.index.caseLexical.df(t) : Infinity;
  };
}

/** What retrieval found for a query: its terms and the candidates of each ranking. */
export interface Retrieved {
  query: string;
  terms: QueryTerm[];
  chunkLex: Array<{ id: string; score: number }>;
  caseLex: Array<{ id: string; score: number }>;
  dense: Array<{ id: string; similarity: number }>;
  /** The question as asked, embedded (see `SearchOptions.asked`): passages are scored by their closeness to it. */
  askedVector: Float32Array | null;
  /** Close neighbours in the embedding space of each query word (coverage credit), when a model is loaded. */
  neighbours: Neighbours | null;
}

/** Retrieve: the query's terms, chunk and case BM25 candidates, dense candidates and the query words' neighbours. */
export async function retrieve(engine: SearchEngine, query: string, o: SearchOptions): Promise<Retrieved> {
  const terms = engine.index.lexical.queryTerms(query);
  const useLex = o.mode !== 'dense';
  const chunkLex = useLex ? engine.index.lexical.searchTerms(terms, o.candidates) : [];
  const caseLex = useLex ? engine.index.caseLexical.searchTerms(engine.index.caseLexical.queryTerms(query), o.candidates) : [];
  let dense: Retrieved['dense'] = [];
  let askedVector: Float32Array | null = null;
  let neighbours: Neighbours | null = null;
  if (engine.embedder && engine.wordSpace && terms.length > 0) {
    const space = engine.wordSpace;
    const sources = [...new Set(terms.map((t) => t.source))];
    const found = new Map(sources.map((w) => [w, space.memo.peek(w)]));
    const unseen = sources.filter((w) => !found.get(w));
    if (unseen.length) {
      const vs = await engine.embedder.embed(unseen, 'passage');
      unseen.forEach((w, i) => {
        const near = neighboursOf(space, vs[i], defaultCoverageOptions.neighbourSimilarity);
        space.memo.set(w, near);
        found.set(w, near);
      });
    }
    neighbours = new Map([...found].map(([w, near]) => [w, near ?? new Map<number, number>()]));
  }
  // the dense half also serves the decision to decline, in every mode that has a model
  if (engine.embedder && (terms.length > 0 || o.mode === 'dense')) {
    const texts = o.asked && o.asked !== query ? [query, o.asked] : [query];
    const [qv, av] = await engine.embedder.embed(texts, 'query');
    dense = engine.index.vectors.search(qv, o.candidates).map((h) => ({ id: engine.index.chunks[h.label].id, similarity: h.similarity }));
    askedVector = av ?? null;
  }
  return { query, terms, chunkLex, caseLex, dense, askedVector, neighbours };
}

/** Fuse: reciprocal rank fusion of the rankings, with a lift for named cases and the cases of named organisations. */
export function fuse(engine: SearchEngine, r: Retrieved, o: SearchOptions): Map<string, number> {
  const fused = new Map<string, number>();
  const allowed = (id: string) => (!o.within || o.within.has(id)) && !o.exclude?.has(id);
  const addRanking = (ids: string[], w: number) =>
    ids.filter(allowed).forEach((id, rank) => {
      fused.set(id, (fused.get(id) ?? 0) + w / (o.rrfK + rank + 1));
    });
  if (o.mode !== 'dense') {
    addRanking(
      rankCases(
        r.chunkLex.map((h) => h.id),
        engine,
      ),
      o.weights.chunk,
    );
    addRanking(
      r.caseLex.map((h) => h.id),
      o.weights.case,
    );
  }
  if (o.mode !== 'lexical' && engine.embedder)
    addRanking(
      rankCases(
        r.dense.map((h) => h.id),
        engine,
      ),
      o.weights.dense,
    );
  for (const id of namedCases(r.query, engine.index.cases, caseDf(engine)))
    if (allowed(id) && (fused.has(id) || o.mode !== 'dense')) fused.set(id, (fused.get(id) ?? 0) + o.nameBoost);
  // a named organisation lifts its cases among those already found
  const orgs = new Set(namedOrganisations(r.query, engine.index.cases).map((x) => x.toLowerCase()));
  if (orgs.size)
    for (const c of engine.index.cases)
      if (fused.has(c.id) && c.organisations.some((x) => orgs.has(x.toLowerCase()))) fused.set(c.id, fused.get(c.id)! + o.nameBoost * o.organisationShare);
  return fused;
}

/** Rerank: the best fused candidates re-ranked by how much of the question each case covers, each with its best passages. */
export function rerank(engine: SearchEngine, r: Retrieved, fused: Map<string, number>, o: SearchOptions): Array<CaseHit & { credits: WordCredit[] }> {
  const lexScore = new Map(r.chunkLex.map((h) => [h.id, h.score]));
  const denseScore = new Map(r.dense.map((h) => [h.id, h.similarity]));
  const { askedVector } = r;
  // a passage's closeness in the embedding space: to the whole question as asked when given, else to the query
  const closeness = (chunks: Chunk[]): number[] => {
    if (!askedVector) return chunks.map((c) => denseScore.get(c.id) ?? 0);
    const labels = labelsOf(engine.index.chunks);
    return engine.index.vectors.similarities(
      askedVector,
      chunks.map((c) => labels.get(c.id) as number),
    );
  };
  const maxLex = Math.max(1e-9, ...r.chunkLex.map((h) => h.score));
  const candidates = [...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.max(o.k, o.rerank));
  const passagesOf = (caseId: string): Passage[] => {
    const chunks = engine.chunksOfCase.get(caseId) ?? [];
    const near = closeness(chunks);
    // the best o.passages, kept in order as they are scored (a case has hundreds of passages at most, a hit needs two)
    const best: Passage[] = [];
    chunks.forEach((chunk, i) => {
      // on near ties the earlier passage wins: cases open with what they are about
      const score = (lexScore.get(chunk.id) ?? 0) / maxLex + near[i] * 0.5 - (chunk.isContact ? 0.3 : 0) - 0.02 * i;
      if (best.length === o.passages && !(score > (best.at(-1)?.score ?? -Infinity))) return;
      let at = best.length;
      while (at > 0 && score > best[at - 1].score) at--;
      best.splice(at, 0, { chunk, score });
      if (best.length > o.passages) best.pop();
    });
    return best;
  };
  return candidates
    .map(([caseId, score]) => {
      const credits = wordCredits(r.terms, engine, caseId, r.neighbours);
      const cov = coverageOf(credits);
      const passages = passagesOf(caseId);
      const lift = o.mode === 'dense' ? 0 : o.coverageWeight * cov + o.passageWeight * Math.max(0, passages[0]?.score ?? 0);
      return { caseId, cov, credits, passages, score: score + lift };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, o.k)
    .flatMap(({ caseId, cov, credits, passages, score }) => {
      const c = engine.caseById.get(caseId);
      return c ? [{ case: c, score, passages, coverage: cov, head: headOf(credits, o.headShare, o.aside), credits }] : [];
    });
}

/** The evidence the decision looks at: each best case's word credits and its closest passage. */
export function evidenceOf(engine: SearchEngine, r: Retrieved, hits: Array<CaseHit & { credits: WordCredit[] }>): CaseEvidence[] {
  const denseScore = new Map(r.dense.map((h) => [h.id, h.similarity]));
  return hits.map((h) => ({
    caseId: h.case.id,
    credits: h.credits,
    near: Math.max(0, ...(engine.chunksOfCase.get(h.case.id) ?? []).map((c) => denseScore.get(c.id) ?? 0)),
  }));
}

// the HNSW label of each chunk (its position), worked out once per index
const LABELS = new WeakMap<Chunk[], Map<string, number>>();
function labelsOf(chunks: Chunk[]): Map<string, number> {
  let labels = LABELS.get(chunks);
  if (!labels) {
    labels = new Map(chunks.map((c, i) => [c.id, i]));
    LABELS.set(chunks, labels);
  }
  return labels;
}

/**
 * Hybrid search: retrieve (chunk BM25, case BM25, dense HNSW), fuse (RRF), rerank (coverage) and
 * decide. One result per case with its best passages; a question the best cases do not answer
 * is declined (no result) rather than answered with the least-bad case.
 */
export async function search(engine: SearchEngine, query: string, options: Partial<SearchOptions> = {}): Promise<SearchResult> {
  const o: SearchOptions = { ...defaultSearchOptions, ...options, weights: { ...defaultSearchOptions.weights, ...options.weights } };
  const asked = query;
  // plain English questions are searched with Danish words
  if (isEnglish(query)) query = englishToDanish(query);
  const r = await retrieve(engine, query, o);
  if (o.mode !== 'dense' && r.terms.length === 0) return { query: asked, terms: r.terms, hits: [], declined: 'no-terms', decision: null };
  const ranked = rerank(engine, r, fuse(engine, r, o), o);
  const hits = ranked.map(({ credits: _credits, ...h }) => h);
  if (o.mode === 'dense' || !hits.length) return { query: asked, terms: r.terms, hits, declined: null, decision: null };
  const decision = decide(evidenceOf(engine, r, ranked.slice(0, o.decideOver)), o);
  if (decision.reason) {
    const nearest = hits.filter((h) => h.coverage > 0).map((h) => h.case);
    return { query: asked, terms: r.terms, hits: [], declined: decision.reason, decision, nearest };
  }
  return { query: asked, terms: r.terms, hits, declined: null, decision };
}
