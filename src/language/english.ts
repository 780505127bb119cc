import { danish } from './da.js';
import type { LanguageProfile } from './profile.js';

const closedWords = new WeakMap<LanguageProfile, Set<string>>();

/** Every closed-class word of a profile, lower case. */
function closedOf(profile: LanguageProfile): Set<string> {
  let set = closedWords.get(profile);
  if (!set) {
    set = new Set([...Object.values(profile.closed).flat(), ...profile.englishMarkers, ...Object.keys(profile.interrogatives)]);
    closedWords.set(profile, set);
  }
  return set;
}

/** Danish search words for an English question: glossary entries, names and numbers kept as typed, other English words dropped. */
export function englishToDanish(question: string, profile: LanguageProfile = danish): string {
  const out: string[] = [];
  const closed = closedOf(profile);
  const look = (w: string) => profile.glossary[w] ?? profile.glossary[w.replace(/s$/, '')];
  for (const raw of question.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []) {
    const w = raw.toLowerCase().replace(/'s$/, '');
    const g = look(w);
    if (g !== undefined) out.push(g);
    // names, acronyms and numbers are kept; other English words mean nothing to the Danish cases
    else if (!closed.has(w) && (/^\p{Lu}/u.test(raw) || /\d/.test(raw))) out.push(raw);
    // a hyphenated word the glossary does not hold whole is read part by part ("meals-on-wheels", "follow-up")
    else if (w.includes('-')) for (const part of w.split('-')) if (!closed.has(part)) out.push(look(part) ?? '');
  }
  return out.filter(Boolean).join(' ');
}

const englishOnly = new WeakMap<LanguageProfile, Set<string>>();

/**
 * The English function words that are no Danish function word ("it", "by", "is", "the"): in a Danish
 * question they are words of its own ("køber it ind", "i en by"), not closed-class words.
 */
export function englishOnlyWords(profile: LanguageProfile = danish): ReadonlySet<string> {
  let set = englishOnly.get(profile);
  if (!set) {
    const da = new Set(profile.danishMarkers);
    englishOnly.set(profile, (set = new Set(profile.englishMarkers.filter((w) => !da.has(w)))));
  }
  return set;
}

/** True when a question reads as English rather than Danish: more English than Danish function words, and no æ, ø or å. */
export function isEnglish(question: string, profile: LanguageProfile = danish): boolean {
  // æ, ø or å in a word that is no name ("Who runs Læsehestene?" is English)
  if ((question.match(/[\p{L}]+/gu) ?? []).some((w) => /^\p{Ll}/u.test(w) && /[æøå]/i.test(w))) return false;
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  const en = new Set(profile.englishMarkers);
  const da = new Set(profile.danishMarkers);
  const nEn = words.filter((w) => en.has(w)).length;
  const nDa = words.filter((w) => da.has(w)).length;
  // two English function words more than Danish ones, or one and no Danish one ("Who runs Læsehestene?")
  return (nEn >= 2 && nEn > nDa) || (nEn >= 1 && nDa === 0 && words.length >= 2);
}
