import { escapeRegExp } from '../text/normalize.js';
import type { Case } from '../types.js';

/**
 * Organisation names as an entity: one canonical name per organisation, with the other spellings
 * the corpus uses for it. Variants are merged only where the canonical name is clearly the same
 * organisation, by one of these rules:
 * - `spelling` — the same name with hyphens, spaces or capitals written differently ("Lyngby
 *   Taarbæk Kommune", "Lyngby-Taarbæk Kommune"; "Hovedstadens beredskab", "Hovedstadens
 *   Beredskab"); the spelling the corpus uses most is canonical, with its hyphen when as common;
 * - `genitive` — the name with a genitive s ("Aarhus Kommunes" beside "Aarhus Kommune");
 * - `misspelling` — one word one letter from a canonical name that the corpus writes more often,
 *   the misspelt word written nowhere else ("Halnæs Kommune" → "Halsnæs Kommune");
 * - `word-order` — coordinated parts in the other order ("Kultur- og Slotsstyrelsen" →
 *   "Slots- og Kulturstyrelsen");
 * - `abbreviation` — an abbreviation the corpus defines after the name ("Center for Offentlig
 *   Innovation (COI)");
 * - `next-word` — a name followed by a word of the next sentence, which the corpus otherwise writes
 *   in lower case ("Center for Offentlig Innovation Se mere" → "Center for Offentlig Innovation").
 */
export type MergeRule = 'spelling' | 'genitive' | 'misspelling' | 'word-order' | 'abbreviation' | 'next-word';

/** One organisation of the corpus. */
export interface Organisation {
  /** The canonical name, as the cases list it. */
  name: string;
  /** The other spellings merged into it, each with the rule that merged it. */
  variants: Array<{ name: string; rule: MergeRule }>;
  /** Ids of the cases that name it, in corpus order. */
  cases: string[];
}

/** Occurrences of `needle` in `text`, standing as a whole (or with a genitive s). */
function occurrences(text: string, needle: string): number {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}s?(?![\\p{L}\\p{N}])`, 'gu');
  return (text.match(re) ?? []).length;
}

/**
 * The spellings of a name the corpus writes, with their counts: the same words with hyphens or
 * spaces between them, and capitals where the name has them or more ("Hovedstadens Beredskab"
 * for "Hovedstadens beredskab"; never fewer capitals, so prose never respells a name).
 */
function spellingsOf(text: string, name: string): Map<string, number> {
  const words = name.split(/[\s-]+/);
  // a genitive s is counted as the name ("Slots- og Kulturstyrelsens pulje")
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapeRegExp).join('[\\s-]+')})s?(?![\\p{L}\\p{N}])`, 'giu');
  const out = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    const found = m[1].replace(/\s+/g, ' ');
    const keepsCapitals = found
      .split(/[\s-]+/)
      .every((w, i) => w.toLowerCase() === words[i].toLowerCase() && (w[0] === words[i][0] || w[0] === w[0].toUpperCase()));
    if (keepsCapitals) out.set(found, (out.get(found) ?? 0) + 1);
  }
  return out;
}

/** Levenshtein distance of two strings, or 2 as soon as it is known to be more than 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The one word in which two names of as many words differ, or null. */
function differingWord(a: string, b: string): [string, string] | null {
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa.length !== wb.length) return null;
  const diff = wa.map((w, i) => [w, wb[i]] as [string, string]).filter(([x, y]) => x !== y);
  return diff.length === 1 ? diff[0] : null;
}

/** "Kultur- og Slotsstyrelsen" and "Slots- og Kulturstyrelsen": the same parts in the other order. */
function sameCoordination(a: string, b: string): boolean {
  const pa = /^(\p{Lu}\p{L}*)- og (\p{Lu}\p{L}*)$/u.exec(a);
  const pb = /^(\p{Lu}\p{L}*)- og (\p{Lu}\p{L}*)$/u.exec(b);
  if (!pa || !pb) return false;
  const [, a1, a2] = pa;
  const [, b1, b2] = pb;
  const lower = (s: string) => s.toLowerCase();
  if (!lower(a2).startsWith(lower(b1)) || !lower(b2).startsWith(lower(a1))) return false;
  const head = lower(a2).slice(b1.length);
  return head.length >= 3 && head === lower(b2).slice(a1.length);
}

/**
 * The organisations of the corpus: every name the cases list, grouped under a canonical name by
 * the merge rules above (see `MergeRule`), with the cases that name each. `corpusText` is the text
 * of all documents; it decides which spelling is the usual one and which words are ordinary words.
 */
export function organisationsOf(cases: Case[], corpusText: string): { organisations: Organisation[]; canonical: Map<string, string> } {
  const names = [...new Set(cases.flatMap((c) => c.organisations))];
  const known = new Set(names);
  const casesOf = (n: string) => cases.filter((c) => c.organisations.includes(n)).length;
  const written = new Map<string, number>();
  for (const n of names) for (const [spelt, times] of spellingsOf(corpusText, n)) written.set(spelt, times);
  // of two spellings of one organisation, the one the corpus writes more often, then the one more
  // cases name, then the one with a hyphen, then the one met first
  const order = (n: string) => (names.includes(n) ? names.indexOf(n) : names.length);
  const score = (n: string) => [written.get(n) ?? 0, casesOf(n), n.includes('-') ? 1 : 0, -order(n)];
  const preferred = (a: string, b: string) => {
    const [x, y] = [score(a), score(b)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i >= 0 && x[i] < y[i] ? b : a;
  };
  // words the corpus writes in lower case in running text (addresses and links left out)
  const prose = corpusText.replace(/\S*[@/.]\S*\.\S+/g, ' ');
  const lowerWords = new Set(prose.match(/(?<![\p{L}\p{N}])\p{Ll}\p{L}*/gu) ?? []);

  // each variant points at the name it merges into, with the rule
  const into = new Map<string, { name: string; rule: MergeRule }>();
  const merge = (variant: string, name: string, rule: MergeRule) => {
    if (variant !== name && !into.has(variant)) into.set(variant, { name, rule });
  };
  for (const n of names) {
    const words = n.split(' ');
    const last = words.at(-1) ?? '';
    const base = words.slice(0, -1).join(' ');
    if (words.length >= 3 && known.has(base) && lowerWords.has(last.toLowerCase())) merge(n, base, 'next-word');
    if (n.endsWith('s') && known.has(n.slice(0, -1))) merge(n, n.slice(0, -1), 'genitive');
    for (const m of corpusText.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)} \\((\\p{Lu}{2,6})[,)]`, 'gu'))) {
      if (known.has(m[1])) merge(m[1], n, 'abbreviation');
    }
  }
  // the spelling of a name the corpus uses most, among its spellings in the text and the names the
  // cases list that differ from it only by hyphens, spaces or capitals
  const key = (n: string) => n.toLowerCase().replace(/[\s-]+/g, '');
  const capitalsKept = (variant: string, n: string) =>
    variant.split(/[\s-]+/).every((w, i) => w[0] === n.split(/[\s-]+/)[i]?.[0] || w[0] === w[0].toUpperCase());
  for (const n of names) {
    const candidates = [...names.filter((m) => key(m) === key(n)), ...spellingsOf(corpusText, n).keys()].filter((m) => capitalsKept(m, n));
    const usual = candidates.reduce(preferred, n);
    if (usual !== n) merge(n, usual, 'spelling');
  }
  for (const a of names) {
    for (const b of names) {
      if (a === b) continue;
      if (sameCoordination(a, b) && preferred(a, b) === b) merge(a, b, 'word-order');
      const diff = differingWord(a, b);
      if (!diff || diff[0].length < 5 || !withinOneEdit(diff[0], diff[1])) continue;
      // the misspelt word stands nowhere but in this name; the right one is written more often
      const [wrong, right] = diff.map((w) => occurrences(corpusText, w));
      if (wrong <= occurrences(corpusText, a) && right > wrong) merge(a, b, 'misspelling');
    }
  }

  const canonical = new Map<string, string>();
  const root = (n: string): string => {
    const seen = new Set<string>();
    let at = n;
    while (into.has(at) && !seen.has(at)) {
      seen.add(at);
      at = into.get(at)!.name;
    }
    return at;
  };
  for (const n of names) canonical.set(n, root(n));
  const byName = new Map<string, Organisation>();
  for (const c of cases) {
    for (const n of c.organisations) {
      const name = canonical.get(n)!;
      let org = byName.get(name);
      if (!org) byName.set(name, (org = { name, variants: [], cases: [] }));
      if (!org.cases.includes(c.id)) org.cases.push(c.id);
      const merged = into.get(n);
      if (merged && !org.variants.some((v) => v.name === n)) org.variants.push({ name: n, rule: merged.rule });
    }
  }
  const organisations = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  return { organisations, canonical };
}

/** The cases with their organisations under their canonical names, each name once, in their order. */
export function withCanonicalNames(cases: Case[], canonical: Map<string, string>): Case[] {
  return cases.map((c) => ({ ...c, organisations: [...new Set(c.organisations.map((o) => canonical.get(o) ?? o))] }));
}
