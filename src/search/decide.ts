import type { WordCredit } from './coverage.js';

/** What the decision to answer or decline looks at, for each of the best cases. */
export interface CaseEvidence {
  caseId: string;
  /** How the case covers each word of the question (see `wordCredits`). */
  credits: WordCredit[];
  /** Cosine of the case's closest passage to the question (0 without a model). */
  near: number;
}

/** The thresholds of the decision, part of `SearchOptions`. */
export interface DecideOptions {
  /** Least share of the question's content (IDF-weighted) the best cases must cover. Default 0.4. */
  minCoverage: number;
  /** Least mean credit of the question's head words (its most distinctive). Default 0.5. */
  minHead: number;
  /**
   * Below this coverage, the head words must be covered (minHead), else no answer. Default 0.65:
   * with the analyser reading chatty questions better, 0.7 declined three more answerable dev
   * questions and no more negatives of dev or the two held-out sets (see DESIGN.md).
   */
  anchoredCoverage: number;
  /** A case whose passage is this close to the question (cosine) answers a weakly covered question. Default 0.65. */
  denseSupport: number;
  /** Below this cosine, a question covered under anchoredCoverage without its head words is declined. Default 0.45. */
  denseWeak: number;
  /** Share of the question's words that are its head words (the most distinctive); at least 1, at most 3. Default 1/3. */
  headShare: number;
  /**
   * A question of this many content words or more tells a story ("Min mor passer min far, som …
   * Findes der et sted, hvor pårørende …"): many of its words are the asker's own, which no case
   * holds, so coverage and head words are diluted. Such a question is answered when the best cases
   * cover `longCoverage` of it and a passage is as close as `denseWeak`. Default 6.
   */
  longWords: number;
  /** See `longWords`. Default 0.3. */
  longCoverage: number;
  /**
   * Words of the question that are never head words: what follows a contrast ("… til mere end bare kaffe og
   * kage?"), which the asker has or does not want. They still count in the coverage. Default none.
   */
  aside: ReadonlySet<string> | null;
}

/** Why a question got no answer, or null when it got one. */
export type DeclineReason = 'no-terms' | 'uncovered' | null;

export interface Decision {
  reason: DeclineReason;
  /** Best coverage among the cases looked at. */
  coverage: number;
  /** Best mean credit of the head words. */
  head: number;
  /** Best passage cosine. */
  near: number;
  /** The head words: the question's most distinctive words, rarest first. */
  headWords: string[];
  /** Head words no case looked at covers (what the collection lacks). */
  missing: string[];
}

/** Share of the question's content (IDF-weighted) that a case covers, 0..1. */
export function coverageOf(credits: WordCredit[]): number {
  const total = credits.reduce((n, c) => n + c.idf, 0);
  return total === 0 ? 0 : credits.reduce((n, c) => n + c.idf * c.credit, 0) / total;
}

/**
 * The head words of a question: its rarest, a `share` of them (at least 1, at most 3). A number
 * ("unge under 25") is rare but says nothing of the topic: it is a head word only when the
 * question has no other words; so is a word set `aside` (what follows a contrast).
 */
export function headWordsOf(credits: WordCredit[], share: number, aside: ReadonlySet<string> | null = null): WordCredit[] {
  const own = aside?.size && credits.some((c) => !aside.has(c.word)) ? credits.filter((c) => !aside.has(c.word)) : credits;
  const words = own.some((c) => !NUMBER.test(c.word)) ? own.filter((c) => !NUMBER.test(c.word)) : own;
  const n = Math.min(3, Math.max(1, Math.round(words.length * share)));
  return [...words].sort((a, b) => b.idf - a.idf || a.word.localeCompare(b.word)).slice(0, n);
}

const NUMBER = /^\d+(?:[.,]\d+)?$/;

/** Mean credit of the head words in one case. */
export function headOf(credits: WordCredit[], share: number, aside: ReadonlySet<string> | null = null): number {
  const top = headWordsOf(credits, share, aside);
  return top.length ? top.reduce((s, c) => s + c.credit, 0) / top.length : 0;
}

/**
 * Whether the best cases answer a question. It is answered when its head words (its most
 * distinctive) are covered and enough of the rest is, or when a passage is close to it in the
 * embedding space; generic overlap alone is not enough. Pure: it looks only at the evidence.
 */
export function decide(evidence: CaseEvidence[], o: DecideOptions): Decision {
  const words = evidence[0]?.credits ?? [];
  const headWords = headWordsOf(words, o.headShare, o.aside).map((c) => c.word);
  if (!evidence.length || !words.length) return { reason: 'no-terms', coverage: 0, head: 0, near: 0, headWords, missing: headWords };
  const coverage = Math.max(...evidence.map((e) => coverageOf(e.credits)));
  const head = Math.max(...evidence.map((e) => headOf(e.credits, o.headShare, o.aside)));
  const near = Math.max(0, ...evidence.map((e) => e.near));
  const missing = headWords.filter((w) => evidence.every((e) => (e.credits.find((c) => c.word === w)?.credit ?? 0) < 0.5));
  const weak = coverage < o.minCoverage || (coverage < o.anchoredCoverage && head < o.minHead);
  const told = words.length >= o.longWords && coverage >= o.longCoverage && near >= o.denseWeak;
  const declined = !told && ((weak && near < o.denseSupport) || (coverage < o.anchoredCoverage && head <= o.minHead && near < o.denseWeak));
  return { reason: declined ? 'uncovered' : null, coverage, head, near, headWords, missing };
}
