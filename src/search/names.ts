import { danish } from '../language/da.js';
import type { LanguageProfile } from '../language/profile.js';
import { foldDanish } from '../text/fold.js';
import { alnumKey } from '../text/normalize.js';
import type { Case } from '../types.js';

/**
 * Cases whose title the query names (folded, punctuation ignored), or a distinctive first word of
 * it ("Læsehestene", "Mindhelper"). Titles of common words only ("Nye veje") and common first words
 * ("Digital …") do not count: `df` gives the number of cases a word's term appears in.
 */
export function namedCases(query: string, cases: Case[], df: (word: string) => number): Set<string> {
  const q = alnumKey(query);
  const out = new Set<string>();
  for (const { id, key, words, firstKey, runs } of titleKeys(cases)) {
    // a whole title of three words or more ("Hjem til Alle") names its case even when its words are common
    if (key.length >= 5 && q.includes(key) && (key.length >= 14 || (words.length >= 3 && key.length >= 10) || words.some((w) => df(w) <= 2))) out.add(id);
    if (firstKey.length >= 6 && q.includes(firstKey) && df(words[0]) <= 2) out.add(id);
    // a run of two or more capitalised words of the title, one of them rare: its proper name ("Nordens Plads" of "Medborgercenteret Nordens Plads")
    for (const run of runs) if (q.includes(run.key) && run.words.some((w) => df(w) <= 3)) out.add(id);
  }
  // "Hjem til Alle Alliancen" names that case, not also "Hjem til Alle", whose title it holds
  const keys = titleKeys(cases);
  const keyOf = (id: string) => keys.find((k) => k.id === id)?.key ?? '';
  return new Set([...out].filter((id) => ![...out].some((other) => other !== id && keyOf(other).includes(keyOf(id)) && q.includes(keyOf(other)))));
}

/** Runs of two or more consecutive capitalised words of a title, after its first word, at least 8 letters long. */
function properRuns(words: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 1; i < words.length; i++) {
    for (let j = i + 2; j <= words.length && words.slice(i, j).every((w) => /^\p{Lu}/u.test(w)); j++) {
      const run = words.slice(i, j);
      if (alnumKey(run.join(' ')).length >= 8) out.push(run);
    }
  }
  return out;
}

// Keys of the titles and organisations, worked out once per list of cases (the index's list lives as long as the server).
const titleCache = new WeakMap<Case[], Array<{ id: string; key: string; words: string[]; firstKey: string; runs: Array<{ words: string[]; key: string }> }>>();
/** An organisation's name and the shorter names that name it, each folded and padded with a space on each side. */
type OrgKeys = { org: string; full: string; core: string; places: string[]; initials: string };

function titleKeys(cases: Case[]) {
  let keys = titleCache.get(cases);
  if (!keys) {
    keys = cases.map((c) => {
      // a web address is named without its domain ("Mindhelper.dk" is "mindhelper")
      const words = c.title
        .split(/[\s:,–-]+/)
        .map((w) => w.replace(/\.(?:dk|com|org|net|nu|eu)$/i, ''))
        .filter((w) => w.length >= 3);
      const runs = properRuns(words).map((run) => ({ words: run, key: alnumKey(run.join(' ')) }));
      return { id: c.id, key: alnumKey(c.title), words, firstKey: alnumKey(words[0] ?? ''), runs };
    });
    titleCache.set(cases, keys);
  }
  return keys;
}

/** The organisations' keys, and the indexes of those that each first word of a key (or the initials) opens. */
function orgIndex(cases: Case[], profile: LanguageProfile): { keys: OrgKeys[]; byFirstWord: Map<string, number[]> } {
  let index = orgIndexCache.get(cases);
  if (!index) {
    const keys = orgKeys(cases, profile);
    const byFirstWord = new Map<string, number[]>();
    keys.forEach(({ full, core, places, initials }, n) => {
      const firsts = [full, core, ...places].filter(Boolean).map((k) => k.trim().split(' ')[0]);
      for (const w of new Set([...firsts, ...(initials.length >= 3 ? [initials] : [])])) {
        const list = byFirstWord.get(w);
        if (list) list.push(n);
        else byFirstWord.set(w, [n]);
      }
    });
    index = { keys, byFirstWord };
    orgIndexCache.set(cases, index);
  }
  return index;
}

const orgIndexCache = new WeakMap<Case[], { keys: OrgKeys[]; byFirstWord: Map<string, number[]> }>();

/** Each organisation's keys (worked out once per list of cases, by `orgIndex`). */
function orgKeys(cases: Case[], profile: LanguageProfile): OrgKeys[] {
  const kinds = new Set(profile.organisationKinds.map((k) => foldDanish(k)));
  return [...new Set(cases.flatMap((c) => c.organisations))].map((org) => {
    const full = foldDanish(org)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    // "Herning" names "Herning Kommune": the name without the kind of body it is
    const core = full
      .split(' ')
      .filter((w) => !kinds.has(w))
      .join(' ');
    // "Ringsted" names "Handicaprådet i Ringsted Kommune": the place a body of a municipality belongs to
    const words = full.split(' ');
    const at = words.findIndex((w, i) => i > 0 && kinds.has(w));
    const place = at > 0 && at < words.length ? words[at - 1] : '';
    // "Københavns Kommune": the place without its genitive ending
    const bare = profile.grammar.genitiveEndings.find((g) => place.length > g.length + 4 && place.endsWith(g));
    // "COI" for "Center for Offentlig Innovation": the abbreviation the ingest merges into the name
    // a short name (under 4 letters) names nothing: it is left empty
    const pad = (k: string) => (k.length >= 4 ? ` ${k} ` : '');
    const places = [place, bare ? place.slice(0, -bare.length) : ''].map(pad).filter(Boolean);
    return { org, full: ` ${full} `, core: pad(core), places, initials: org.replace(/[^\p{Lu}]/gu, '') };
  });
}

/**
 * Organisation names of the corpus that a question names ("Herning" → "Herning Kommune"), also by
 * their initials written in capitals ("COI" → "Center for Offentlig Innovation").
 */
export function namedOrganisations(question: string, cases: Case[], profile: LanguageProfile = danish): string[] {
  const q = ` ${foldDanish(question).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const capitals = new Set(question.match(/(?<!\p{L})\p{Lu}{3,}(?!\p{L})/gu) ?? []);
  const out: string[] = [];
  const byPlace: string[] = [];
  // only the names whose first word (or initials) the question holds can match: those are tried, in the list's order
  const { keys, byFirstWord } = orgIndex(cases, profile);
  const tried = new Set<number>(byFirstWord.get('') ?? []);
  for (const w of [...q.split(' '), ...capitals]) for (const n of byFirstWord.get(w) ?? []) tried.add(n);
  for (const { org, full, core, places, initials } of [...tried].sort((a, b) => a - b).map((n) => keys[n])) {
    if (q.includes(full) || (core !== '' && q.includes(core)) || (initials.length >= 3 && capitals.has(initials))) out.push(org);
    else if (places.some((p) => q.includes(p))) byPlace.push(org);
  }
  // the most specific names first ("Region Syddanmark" before "Region"); bodies named only by their place after those named outright
  const specific = (a: string, b: string) => alnumKey(b).length - alnumKey(a).length;
  return [...out.sort(specific), ...byPlace.sort(specific)];
}
