import { danish } from '../language/da.js';
import { foldWord } from '../language/lexicon.js';
import type { AnswerType, LanguageProfile, SectionRole } from '../language/profile.js';

const ROLE_OF = new Map<string, SectionRole>();

/**
 * The role of a section from its heading: the role whose cue stands first in it ("Hvem har
 * samarbejdet om innovationen?" → partners). A heading with no cue gets its role from its text:
 * the role whose answer cues the text holds most (at least two), else 'other'. So a booklet with
 * other headings still has its challenge, results and resources found.
 */
export function roleOf(heading: string, text: string, profile: LanguageProfile = danish): SectionRole {
  const key = `${heading}\u0000${text.length}`;
  let role = ROLE_OF.get(key);
  if (role) return role;
  role = byHeading(heading, profile) ?? byText(text, profile);
  if (ROLE_OF.size > 20_000) ROLE_OF.clear();
  ROLE_OF.set(key, role);
  return role;
}

function byHeading(heading: string, profile: LanguageProfile): SectionRole | null {
  // a chunk spanning sections is named "A / B": the first section leads
  const h = foldWord(heading.split(' / ')[0] ?? '');
  let best: SectionRole | null = null;
  let at = Infinity;
  for (const [role, cues] of Object.entries(profile.sectionRoles) as Array<[SectionRole, string[]]>) {
    for (const cue of cues) {
      const i = h.indexOf(foldWord(cue));
      if (i >= 0 && i < at) [best, at] = [role, i];
    }
  }
  return best;
}

// the answer types whose sentence cues tell a section's role from its text
const TEXT_ROLES: Array<[AnswerType, SectionRole]> = [
  ['result', 'results'],
  ['reason', 'challenge'],
  ['money', 'resources'],
  ['organisations', 'partners'],
];

function byText(text: string, profile: LanguageProfile): SectionRole {
  const t = foldWord(text);
  let best: SectionRole = 'other';
  let most = 1;
  for (const [type, role] of TEXT_ROLES) {
    const n = [...(profile.sentenceCues[type] ?? []), ...(profile.weakSentenceCues[type] ?? [])].reduce((k, cue) => k + (t.split(foldWord(cue)).length - 1), 0);
    if (n > most) [best, most] = [role, n];
  }
  return best;
}
