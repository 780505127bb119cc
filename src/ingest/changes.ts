/**
 * What a new generation changes against the published one, per document, and the guard that
 * keeps a collapsed collection from being published: a generation that loses more than 20 % of
 * the published cases, or every case of a document that had cases, is refused unless accepted.
 */
import { CasechatError } from '../errors.js';
import type { Logger, Warning } from '../log.js';
import type { Case } from '../types.js';

/** Cases and contacts of one document in one generation. */
export interface DocumentCounts {
  cases: number;
  contacts: number;
}

/** One row of the change table. */
export interface DocumentChange {
  file: string;
  /** In the published generation; null when the document was not in it. */
  before: DocumentCounts | null;
  /** In the new generation; null when the document is not in it (skipped, or removed from the corpus). */
  after: DocumentCounts | null;
  /** Why the document is not in the new generation: the warning it was skipped with, or its removal. */
  note: string | null;
}

/** What the new generation is compared with: the published generation's cases and stored warnings. */
export interface PublishedState {
  cases: Case[];
  /** Null for a generation written before warnings were stored. */
  warnings: Warning[] | null;
}

/** Options of the guard. */
export interface GuardOptions {
  /** Share (0–1) of the published cases a new generation may lose. Default 0.2. */
  maxCaseLoss: number;
  /** Publish even when the guard refuses (`--accept-shrink`). Default false. */
  acceptShrink: boolean;
  /** Fail on warnings the published generation did not have (`--strict`). Default false. */
  strict: boolean;
}

/** Defaults of `GuardOptions`: at most 20 % of the cases may be lost; nothing accepted; not strict. */
export const defaultGuardOptions: GuardOptions = { maxCaseLoss: 0.2, acceptShrink: false, strict: false };

function countsByFile(cases: Case[]): Map<string, DocumentCounts> {
  const out = new Map<string, DocumentCounts>();
  for (const c of cases) {
    const n = out.get(c.file) ?? { cases: 0, contacts: 0 };
    n.cases += 1;
    n.contacts += c.contacts.length;
    out.set(c.file, n);
  }
  return out;
}

/**
 * The change of every document: those loaded now (`loaded`), those skipped now (a file with a
 * warning that was not loaded, noted with its warning), and those of the published generation
 * that are gone. Sorted by file.
 */
export function documentChanges(published: Case[] | null, cases: Case[], loaded: string[], warnings: Warning[]): DocumentChange[] {
  const before = countsByFile(published ?? []);
  const after = countsByFile(cases);
  const skipped = new Map<string, Warning>();
  for (const w of warnings) if (!loaded.includes(w.file) && !skipped.has(w.file)) skipped.set(w.file, w);
  const files = [...new Set([...loaded, ...skipped.keys(), ...before.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return files.map((file) => {
    const skip = skipped.get(file);
    const isLoaded = loaded.includes(file);
    return {
      file,
      before: before.get(file) ?? null,
      after: isLoaded ? (after.get(file) ?? { cases: 0, contacts: 0 }) : null,
      note: isLoaded ? null : skip ? `skipped: ${skip.code} ${skip.message}` : 'removed from the corpus',
    };
  });
}

const total = (changes: DocumentChange[], side: 'before' | 'after', of: keyof DocumentCounts) => changes.reduce((n, c) => n + (c[side]?.[of] ?? 0), 0);

/** Why the guard refuses the new generation (none: it may be published). */
export function shrinkReasons(changes: DocumentChange[], maxCaseLoss = defaultGuardOptions.maxCaseLoss): string[] {
  const reasons: string[] = [];
  const before = total(changes, 'before', 'cases');
  const after = total(changes, 'after', 'cases');
  if (before > 0 && (before - after) / before > maxCaseLoss) {
    reasons.push(
      `the new index has ${after} cases, ${before - after} fewer than the ${before} published (${Math.round((100 * (before - after)) / before)} %; at most ${Math.round(100 * maxCaseLoss)} % may be lost)`,
    );
  }
  for (const c of changes) {
    if (c.before && c.before.cases > 0 && (c.after?.cases ?? 0) === 0) {
      reasons.push(`${c.file} loses all its ${c.before.cases} cases (${c.note ?? 'no case found in it now'})`);
    }
  }
  return reasons;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * The per-document table every ingest prints: cases and contacts before, after and the change,
 * and why a document is missing.
 */
export function formatChangeTable(changes: DocumentChange[]): string {
  const cell = (n: number | undefined) => (n === undefined ? '-' : String(n));
  const change = (c: DocumentChange, of: keyof DocumentCounts) => signed((c.after?.[of] ?? 0) - (c.before?.[of] ?? 0));
  const rows: string[][] = changes.map((c) => [
    c.file,
    cell(c.before?.cases),
    cell(c.after?.cases),
    change(c, 'cases'),
    cell(c.before?.contacts),
    cell(c.after?.contacts),
    change(c, 'contacts'),
    c.note ?? '',
  ]);
  const sum = (side: 'before' | 'after', of: keyof DocumentCounts) => total(changes, side, of);
  rows.push([
    'total',
    String(sum('before', 'cases')),
    String(sum('after', 'cases')),
    signed(sum('after', 'cases') - sum('before', 'cases')),
    String(sum('before', 'contacts')),
    String(sum('after', 'contacts')),
    signed(sum('after', 'contacts') - sum('before', 'contacts')),
    '',
  ]);
  const head = ['document', 'cases before', 'after', 'change', 'contacts before', 'after', 'change', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i === 0 || i === 7 ? v.padEnd(widths[i]) : v.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** A warning's identity across runs: its code, file and message with numbers (lines, pages) left out. */
const warningKey = (w: Warning) => `${w.code}\t${w.file}\t${w.message.replace(/\d+/g, '#')}`;

/**
 * The warnings of this run that the published generation did not have (as many of each kind as
 * there are more now). Without stored warnings, every warning is new.
 */
export function newWarnings(published: Warning[] | null, warnings: Warning[]): Warning[] {
  const left = new Map<string, number>();
  for (const w of published ?? []) left.set(warningKey(w), (left.get(warningKey(w)) ?? 0) + 1);
  return warnings.filter((w) => {
    const n = left.get(warningKey(w)) ?? 0;
    if (n > 0) left.set(warningKey(w), n - 1);
    return n === 0;
  });
}

/** `--strict`: fails when this run has warnings the published generation did not have. */
export function checkStrict(options: GuardOptions, published: PublishedState | null, warnings: Warning[], when: string): void {
  if (!options.strict) return;
  const fresh = newWarnings(published?.warnings ?? null, warnings);
  if (fresh.length) {
    const list = fresh.map((w) => `${w.code} ${w.file}`).join(', ');
    throw new CasechatError('INVALID_ARGUMENT', 'ingest', `--strict: ${fresh.length} new warning(s) ${when} (${list}); nothing was written`);
  }
}

/**
 * Compares the new cases with the published generation: prints the change table, applies
 * `--strict`, and refuses (INDEX_SHRINK_REFUSED) a generation that loses too much unless
 * `acceptShrink`. Returns the table's rows.
 */
export function guardGeneration(
  published: PublishedState | null,
  cases: Case[],
  loaded: string[],
  warnings: Warning[],
  logger: Logger,
  options: Partial<GuardOptions> = {},
): DocumentChange[] {
  const opts = { ...defaultGuardOptions, ...options };
  const changes = documentChanges(published?.cases ?? null, cases, loaded, warnings);
  logger.info(formatChangeTable(changes));
  checkStrict(opts, published, warnings, 'in this ingest');
  const reasons = published ? shrinkReasons(changes, opts.maxCaseLoss) : [];
  if (reasons.length && !opts.acceptShrink) {
    throw new CasechatError(
      'INDEX_SHRINK_REFUSED',
      'ingest',
      `${reasons.join('; ')}. Nothing was published; check the table above, and run with --accept-shrink to publish it anyway`,
    );
  }
  if (reasons.length) logger.info(`publishing although ${reasons.join('; ')} (--accept-shrink)`);
  return changes;
}
