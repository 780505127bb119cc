import { alnumKey, foldForMatch } from '../text/normalize.js';
import type { Case } from '../types.js';

/**
 * Cases whose title the query names (folded, punctuation ignored), or a distinctive first word of
 * it ("Læsehestene", "Mindhelper"). Titles of common words only ("Nye veje") and common first words
 * ("Digital …") do not count: `df` gives the number of cases a word's term appears in.
 */
export function namedCases(query: string, cases: Case[], df: (word: string) => number): Set<string> {
  const q = alnumKey(query);
  const out = new Set<string>();
  for (const c of cases) {
    const words = c.title.split(/[\s:,–-]+/).filter((w) => w.length >= 3);
    const distinctive = words.some((w) => df(w) <= 2);
    const t = alnumKey(c.title);
    if (t.length >= 5 && q.includes(t) && (distinctive || t.length >= 14)) out.add(c.id);
    const first = words[0] ?? '';
    if (alnumKey(first).length >= 6 && df(first) <= 2 && q.includes(alnumKey(first))) out.add(c.id);
  }
  return out;
}

/** Organisation names of the corpus that a question names ("Herning" → "Herning Kommune"). */
export function namedOrganisations(question: string, cases: Case[]): string[] {
  const q = ` ${foldForMatch(question).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const all = new Set(cases.flatMap((c) => c.organisations));
  const out: string[] = [];
  for (const org of all) {
    const full = foldForMatch(org).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const core = full.replace(/\b(kommune|kommunes|kommuner)\b/g, '').trim();
    const key = q.includes(` ${full} `) ? full : core.length >= 4 && q.includes(` ${core} `) ? core : null;
    if (key) out.push(org);
  }
  // the most specific names first ("Region Syddanmark" before "Region")
  return out.sort((a, b) => alnumKey(b).length - alnumKey(a).length);
}

