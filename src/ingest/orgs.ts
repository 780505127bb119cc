import { isUpperLine, sentenceCaseFromCaps, squash, ure } from '../text/normalize.js';

// Names of public (and some private) organisations as they are written in Danish text.
const ORG_PATTERNS: RegExp[] = [
  ure(String.raw`\b(?:\p{Lu}[\p{L}-]+s? )?(?:Kommune|Kommunes Biblioteker)\b`, 'gu'),
  ure(String.raw`\bRegion (?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)(?:s Psykiatri)?\b`, 'gu'),
  ure(String.raw`\b(?:\p{Lu}[\p{L}-]+ )?(?:Universitetshospital|Sygehus|Hospital)\b`, 'gu'),
  ure(String.raw`\b(?:\p{Lu}\p{L}*- og )?\p{Lu}[\p{L}-]*(?:styrelsen|ministeriet|fonden|forsorgen)s?\b`, 'gu'),
  ure(String.raw`\bCenter for (?:\p{Lu}[\p{L}-]*)(?: \p{Lu}[\p{L}-]+){0,2}(?: (?:og|&) \p{Lu}[\p{L}-]+)?\b`, 'gu'),
  ure(String.raw`\bBusiness Region \p{Lu}\p{L}+\b`, 'gu'),
  ure(String.raw`\b(?:KL|Danske Regioner|COI|SDU|Professionshøjskolen \p{Lu}\p{L}+)\b`, 'gu'),
];

/**
 * Nouns that name a kind of body rather than one body ("Bestyrelsen", "Stat", "Professionshøjskole",
 * "Ældrerådet"), in any of their forms: alone they are never an organisation; with their owner
 * ("Ældrerådet i Ringsted Kommune", "UCL Erhvervsakademi og Professionshøjskole") they are part of one.
 */
const GENERIC_BODY =
  /^(?:bestyrelse|styrelse|stat|kommune|kommuner|region|regioner|professionshøjskole|universitet|hospital|sygehus|ministerium|ministerie|fond|center|centre|forvaltning|afdeling|sekretariat|styregruppe|projektgruppe|ældreråd|handicapråd|byråd|regionsråd|kommunalbestyrelse|borgerservice|bibliotek|jobcenter|skole)(?:en|et|n|t|ne|erne|s)?$/i;

/** Whether a name is one of the generic bodies, which alone name no organisation. */
export function isGenericBody(name: string): boolean {
  return GENERIC_BODY.test(name.trim());
}

/** Organisation names found in a text, in order of first mention. */
export function orgsInText(text: string): string[] {
  const found: Array<{ name: string; at: number }> = [];
  for (const re of ORG_PATTERNS) {
    // "Slots- og Kulturstyrelsens pulje": the organisation without its genitive s
    for (const m of text.matchAll(re)) found.push({ name: squash(m[0]).replace(/(styrelsen|ministeriet|fonden|forsorgen)s$/, '$1'), at: m.index ?? 0 });
  }
  found.sort((a, b) => a.at - b.at);
  const out: string[] = [];
  for (const { name } of found) {
    if (/^(Den|Det|De|En|Et|I|Og|Hver|Hele|Samme|Kommunens|Kommune)\b/.test(name) && name.split(' ').length > 1) continue;
    if (isGenericBody(name)) continue;
    if (!out.includes(name)) out.push(name);
  }
  // a genitive ("Center for Offentlig Innovations nye håndbog") is the same organisation; of a name and
  // the same name with a word more ("Center for Offentlig Innovation" and "… Innovation Se"), the one
  // written more often is the organisation
  const mentions = (name: string) => found.filter((f) => f.name === name || f.name === `${name}s`).length;
  const shadowed = (n: string) =>
    out.some((m) => (m.startsWith(`${n} `) && mentions(m) > mentions(n)) || (n.startsWith(`${m} `) && mentions(m) >= mentions(n)));
  return out.filter((n) => !(n.endsWith('s') && out.includes(n.slice(0, -1))) && !shadowed(n));
}

/**
 * Splits a written list of organisations into names:
 * "Billund, Haderslev og Kolding kommune" → Billund Kommune, Haderslev Kommune, Kolding Kommune;
 * "Vejle Sygehus (Region Syddanmark)" → Vejle Sygehus, Region Syddanmark.
 */
export function splitOrgList(text: string): string[] {
  let t = squash(text)
    .split(/\s[–-]\s|\.\s|, som |, sammen med /)[0]
    .replace(/\.$/, '');
  const paren: string[] = [];
  t = t.replace(/\(([^)]+)\)/g, (_, inner: string) => {
    if (/^\p{Lu}/u.test(inner) && !/^\p{Lu}+\s?\p{Lu}*$/u.test(inner)) paren.push(squash(inner));
    return ' ';
  });
  // "Hotel- og Restaurantskolen" stays one name: never split after a hyphen
  const parts = t.split(/(\s*,\s*|(?<!-)\s+og\s+)/);
  const items: string[] = [];
  for (let k = 0; k < parts.length; k += 2) {
    const item = squash(parts[k]);
    const afterOg = k > 0 && /^\s+og\s+$/.test(parts[k - 1]);
    // "UCL Erhvervsakademi og Professionshøjskole": a generic body after "og" completes the name before it
    if (afterOg && items.length && /^\p{Lu}/u.test(item) && isGenericBody(item)) items[items.length - 1] += ` og ${item}`;
    else if (item) items.push(item);
    // "Ældrerådet og Handicaprådet i Ringsted Kommune": the owner belongs to both bodies
    const owner = /^\p{Lu}[\p{L}-]+ (i \p{Lu}.+)$/u.exec(item);
    if (afterOg && owner && items.length >= 2 && isGenericBody(items[items.length - 2])) items[items.length - 2] += ` ${owner[1]}`;
  }
  // "Københavns, Aarhus og Odense Kommuner", "Billund, Haderslev og Kolding kommune": a shared suffix
  const out = [...items];
  for (let k = out.length - 1; k >= 0; k--) {
    const m = /^(\p{Lu}[\p{L}-]*) (kommuner?|Kommuner)$/u.exec(out[k]) ?? /^(\p{Lu}[\p{L}-]*) (Kommune)$/u.exec(out[k]);
    if (!m) continue;
    out[k] = `${m[1]} Kommune`;
    const shared = m[2] !== 'Kommune' ? /^\p{Lu}[\p{L}-]*(?: \p{Lu}[\p{L}-]*)?$/u : /^\p{Lu}[\p{L}-]*s$/u; // singular: only genitives ("Københavns")
    const institution = /(styrelsen?|skole|fonden|kors|hær|universitet|hospital|center|rådet|foreningen|akademi|kl)$/i;
    for (let j = k - 1; j >= 0 && shared.test(out[j]) && !institution.test(out[j]); j--) out[j] = `${out[j]} Kommune`;
  }
  const isOrg = (o: string) => /^\p{Lu}/u.test(o) && (o.split(' ').length <= 4 || /Kommune|Region|Hospital|Sygehus/.test(o)) && o.split(' ').length <= 7;
  return [...out, ...paren].filter((o) => isOrg(o) && !isGenericBody(o) && !/^(De|Den|Det|Initiativet|Projektet|Foreningen|I)\s/.test(o));
}

/** "SILKEBORG KOMMUNE" → "Silkeborg Kommune"; text not in capitals is returned as written. */
export function readableOrg(text: string): string {
  const t = squash(text);
  return isUpperLine(t) ? sentenceCaseFromCaps(t, { properNouns: true }) : t;
}
