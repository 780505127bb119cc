import { alnumKey, foldForMatch } from '../text/normalize.js';
import type { Case } from '../types.js';

/** Cases whose title the query names (folded, punctuation ignored), or a distinctive first word of it. */
export function namedCases(query: string, cases: Case[]): Set<string> {
  const q = alnumKey(query);
  const out = new Set<string>();
  for (const c of cases) {
    const t = alnumKey(c.title);
    if (t.length >= 5 && q.includes(t)) out.add(c.id);
    const firstWord = alnumKey(c.title.split(/[\s:,–-]+/)[0] ?? '');
    if (firstWord.length >= 7 && q.includes(firstWord)) out.add(c.id);
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

