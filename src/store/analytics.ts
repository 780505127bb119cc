import { analyseText, QUERY_STOP_WORDS, words } from '../text/analyse.js';
import type { LoggedQuestion } from './types.js';

/**
 * What the people who run the collection read from the question log: pure functions over the
 * logged questions of a period, so both databases give the same figures.
 */

/** Options of `analytics`. */
export interface AnalyticsOptions {
  /** Two declined questions whose topic words overlap at least this much (Jaccard) are one gap. Default 0.5. */
  gapSimilarity: number;
  /** Most gaps listed, the most asked first. Default 50. */
  maxGaps: number;
  /** Wordings shown per gap. Default 5. */
  examplesPerGap: number;
  /** Most thumbs-down answers listed, the newest first. Default 100. */
  maxThumbsDown: number;
  /** Most cited cases listed. Default 20. */
  maxCases: number;
}

/** The defaults of `AnalyticsOptions`. */
export const defaultAnalyticsOptions: AnalyticsOptions = { gapSimilarity: 0.5, maxGaps: 50, examplesPerGap: 5, maxThumbsDown: 100, maxCases: 20 };

/** A period of whole days (UTC), both ends included, as `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
}

/** Declined questions of one topic: what the collection has no case for. */
export interface Gap {
  /** The wording asked first. */
  question: string;
  /** How often it was asked, in any wording. */
  count: number;
  /** Distinct wordings, the first first. */
  examples: string[];
  /** The topic words they share (stemmed). */
  terms: string[];
  lastAskedAt: string;
}

export interface CaseRef {
  id: string;
  /** The case's title in the served index; null when it is no longer there. */
  title: string | null;
}

/** Everything `GET /api/admin/analytics` returns. */
export interface Analytics {
  period: Period;
  totals: { questions: number; conversations: number; declined: number; followUps: number; thumbsUp: number; thumbsDown: number };
  perDay: Array<{ day: string; questions: number; declined: number }>;
  gaps: Gap[];
  thumbsDown: Array<{ answerId: string; askedAt: string; question: string; answer: string; comment: string | null; cases: CaseRef[] }>;
  topCases: Array<CaseRef & { questions: number }>;
  answerTypes: Array<{ answerType: string; questions: number }>;
  languages: Array<{ language: string; questions: number }>;
  /** Time to compose an answer, ms (nearest-rank percentiles); null without questions. */
  latencyMs: { p50: number; p90: number; p95: number; p99: number; max: number } | null;
}

const DAY_MS = 86_400_000;

/** The first and the last millisecond + 1 of a period: [from, to). */
export function periodBounds(period: Period): { from: number; to: number } {
  return { from: Date.parse(`${period.from}T00:00:00Z`), to: Date.parse(`${period.to}T00:00:00Z`) + DAY_MS };
}

/** `YYYY-MM-DD` of a time (UTC). */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** Counts per key, the largest first (ties by key). */
function ranked<K extends string>(keys: Iterable<K>): Array<[K, number]> {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The topic words of a question: stemmed and folded, question words left out (all its words when none are left). */
export function topicTerms(question: string): Set<string> {
  const terms = analyseText(question, QUERY_STOP_WORDS);
  return new Set(terms.length ? terms : words(question));
}

/** Shortest term that may match a longer one it begins (stems differ in their endings: "rumrak", "rumraket"). */
const MIN_PREFIX = 4;

/** Whether two terms are one word: equal, or one begins the other and is at least `MIN_PREFIX` long. */
const sameWord = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= MIN_PREFIX && (a.startsWith(b) || b.startsWith(a)));

/** Whether a set of terms holds the word `t` in some form. */
const holds = (terms: Set<string>, t: string) => terms.has(t) || [...terms].some((u) => sameWord(t, u));

/** Jaccard similarity of two term sets, counting terms that are one word (`sameWord`) as shared. */
function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (holds(b, t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Declined questions grouped by similar wording: each question joins the first group whose first
 * question shares at least `gapSimilarity` of their topic words (`similarity`), or starts a group. The most asked
 * first, then the most recently asked.
 */
export function groupGaps(declined: LoggedQuestion[], options: Partial<AnalyticsOptions> = {}): Gap[] {
  const o = { ...defaultAnalyticsOptions, ...options };
  const groups: Array<{ seed: Set<string>; questions: LoggedQuestion[] }> = [];
  for (const q of declined) {
    const terms = topicTerms(q.question);
    const group = groups.find((g) => similarity(g.seed, terms) >= o.gapSimilarity);
    if (group) group.questions.push(q);
    else groups.push({ seed: terms, questions: [q] });
  }
  return groups
    .map((g) => {
      const wordings = [...new Set(g.questions.map((q) => q.question.trim()))];
      const last = Math.max(...g.questions.map((q) => q.askedAt));
      const shared = [...g.seed].filter((t) => g.questions.every((q) => holds(topicTerms(q.question), t)));
      return {
        question: wordings[0],
        count: g.questions.length,
        examples: wordings.slice(0, o.examplesPerGap),
        terms: shared,
        lastAskedAt: new Date(last).toISOString(),
        last,
      };
    })
    .sort((a, b) => b.count - a.count || b.last - a.last)
    .slice(0, o.maxGaps)
    .map(({ last: _last, ...gap }) => gap);
}

/** The figures of a period from its logged questions (oldest first); `caseTitle` names cases from the served index. */
export function analytics(
  rows: LoggedQuestion[],
  period: Period,
  caseTitle: (id: string) => string | null,
  options: Partial<AnalyticsOptions> = {},
): Analytics {
  const o = { ...defaultAnalyticsOptions, ...options };
  const ref = (id: string): CaseRef => ({ id, title: caseTitle(id) });

  const { from, to } = periodBounds(period);
  const perDay = new Map<string, { day: string; questions: number; declined: number }>();
  for (let t = from; t < to; t += DAY_MS) perDay.set(dayOf(t), { day: dayOf(t), questions: 0, declined: 0 });
  for (const r of rows) {
    const day = perDay.get(dayOf(r.askedAt));
    if (!day) continue;
    day.questions++;
    if (r.declined) day.declined++;
  }

  const declined = rows.filter((r) => r.declined);
  const latencies = rows.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    period,
    totals: {
      questions: rows.length,
      conversations: new Set(rows.map((r) => r.conversationId)).size,
      declined: declined.length,
      followUps: rows.filter((r) => r.followUp).length,
      thumbsUp: rows.filter((r) => r.rating === 'up').length,
      thumbsDown: rows.filter((r) => r.rating === 'down').length,
    },
    perDay: [...perDay.values()],
    gaps: groupGaps(declined, o),
    thumbsDown: rows
      .filter((r) => r.rating === 'down')
      .reverse()
      .slice(0, o.maxThumbsDown)
      .map((r) => ({
        answerId: r.answerId,
        askedAt: new Date(r.askedAt).toISOString(),
        question: r.question,
        answer: r.answer,
        comment: r.comment,
        cases: r.caseIds.map(ref),
      })),
    // a case counts once per question that cited it
    topCases: ranked(rows.flatMap((r) => [...new Set(r.caseIds)]))
      .slice(0, o.maxCases)
      .map(([id, questions]) => ({ ...ref(id), questions })),
    answerTypes: ranked(rows.map((r) => r.answerType)).map(([answerType, questions]) => ({ answerType, questions })),
    languages: ranked(rows.map((r) => r.language)).map(([language, questions]) => ({ language, questions })),
    latencyMs: latencies.length
      ? {
          p50: percentile(latencies, 0.5),
          p90: percentile(latencies, 0.9),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          max: latencies.at(-1)!,
        }
      : null,
  };
}

const CSV_COLUMNS = [
  'asked_at',
  'conversation_id',
  'answer_id',
  'language',
  'answer_type',
  'follow_up',
  'declined',
  'latency_ms',
  'case_ids',
  'question',
  'answer',
  'rating',
  'comment',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) gets a
 * leading apostrophe, so an exported question never executes.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The question log of a period as CSV (a header, then one line per question, oldest first; CRLF line ends). */
export function questionLogCsv(rows: LoggedQuestion[]): string {
  const lines = rows.map((r) =>
    [
      new Date(r.askedAt).toISOString(),
      r.conversationId,
      r.answerId,
      r.language,
      r.answerType,
      r.followUp,
      r.declined,
      r.latencyMs,
      r.caseIds.join(' '),
      r.question,
      r.answer,
      r.rating,
      r.comment,
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
