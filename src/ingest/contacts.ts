import type { Contact } from '../types.js';
import { alnumKey, foldForMatch, isBlank, squash } from '../text/normalize.js';

/** A source line with its 1-based number. */
export interface NumberedLine {
  n: number;
  text: string;
}

/** What the parser knows beyond the block itself, used to repair damaged emails. */
export interface ContactContext {
  /** Email domains seen anywhere in the corpus (e.g. `rsyd.dk`). */
  knownDomains: Set<string>;
  /** Strings that may be the basis of a domain: case title, organisations (e.g. "Hjem til alle"). */
  domainHints: string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Danish phone numbers as written: "72 16 44 85", "4019 8078", "41856519", "+45 25136083".
const PHONE = /(?:\+45[\s\u00a0]?)?(?<!\d)(?:\d[\s\u00a0]?){7}\d(?!\d)/gu;
// A domain-like token without '@' (an email that lost it in extraction).
const BARE_DOMAIN = /(?<![@\p{L}\p{N}./])([\p{L}\p{N}._-]{3,})\.(dk|com|org|net|eu|link|nu)\b(?![./\p{L}])/gu;
const ROLE_WORD = /(medarbejder|konsulent|chef|leder|direktør|koordinator|rådgiver|ansvarlig|projektleder|specialist)$/i;
const SYMBOLS = /[📞☎✉️\u{FE0F}]/gu;

/** Normalises a Danish phone number to `+45 xx xx xx xx`; other numbers are returned squashed. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  const local = digits.length === 10 && digits.startsWith('45') ? digits.slice(2) : digits;
  if (local.length === 8) return `+45 ${local.replace(/(\d\d)(?=\d)/g, '$1 ')}`;
  return squash(raw);
}

function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}[\p{L}.'-]*$/u.test(w) || /^(de|van|von|la)$/.test(w));
}

/** Splits "Pressemedarbejder Louise Brændstrup Bech" into role and name when it starts with a job title. */
function splitLeadingRole(text: string): { name: string; role: string | null } {
  const words = text.split(/\s+/);
  if (words.length >= 3 && ROLE_WORD.test(words[0]) && looksLikeName(words.slice(1).join(' '))) {
    return { role: words[0], name: words.slice(1).join(' ') };
  }
  return { name: text, role: null };
}

/** Tries to put back a lost '@' using a known or hinted domain; local part checked against the person's name. */
export function repairEmail(token: string, personName: string, ctx: ContactContext): string | null {
  const lower = token.toLowerCase();
  const domains = new Set<string>(ctx.knownDomains);
  for (const hint of ctx.domainHints) {
    const key = alnumKey(hint.replace(/æ/gi, 'ae').replace(/ø/gi, 'oe').replace(/å/gi, 'aa'));
    if (key.length >= 4) for (const tld of ['dk', 'com', 'org']) domains.add(`${key}.${tld}`);
  }
  const matches = [...domains].filter((d) => lower.endsWith(d) && lower.length > d.length + 1);
  if (matches.length !== 1) return null; // ambiguous or unknown: leave it as written
  const domain = matches[0];
  const prefix = lower.slice(0, lower.length - domain.length);
  const first = foldForMatch(personName.split(/\s+/)[0] ?? '');
  // A glyph that replaced '@' leaves one extra character after a name-like local part.
  if (first && foldForMatch(prefix.slice(0, -1)) === first) return `${prefix.slice(0, -1)}@${domain}`;
  return `${prefix}@${domain}`;
}

function emptyContact(name: string, n: number): Contact {
  return { name, role: null, org: null, email: null, emails: [], phone: null, emailRepaired: false, emailAsWritten: null, lineStart: n, lineEnd: n };
}

/**
 * Parses a contact block into people. Handles the layouts found in the corpus:
 * "Name, role, organisation" lines followed by phone/email lines; "Name / Role / Org, email" stacks;
 * "Role Name, Org," with "tlf." lines; group labels ending in ':'; several addresses of one person
 * ("kiej@aarhus.dk / kirjen@rm.dk"), which make one contact with several addresses.
 * People quoted without any contact detail are not returned.
 */
export function parseContactBlock(lines: NumberedLine[], ctx: ContactContext): Contact[] {
  const people: Contact[] = [];
  let current: Contact | null = null;
  let label: string | null = null;
  let continuesOrg = false;
  let stackPosition = 0; // lines seen since a name-only line (Name / Role / Org stacks)

  for (const { n, text: raw } of lines) {
    if (isBlank(raw)) continue;
    const text = squash(raw.replace(SYMBOLS, ' '));
    if (/^se desuden\b/i.test(text) || /^https?:|^www\./i.test(text)) continue;
    const emails = text.match(EMAIL) ?? [];
    let rest = text.replace(EMAIL, ' ').replace(/-?\s*att\.?:.*$/i, ' ');
    const phones = (rest.match(PHONE) ?? []).map(normalisePhone);
    rest = squash(rest.replace(PHONE, ' ').replace(/\btlf\.?|\btelefon\b|\bmobil\b/gi, ' ').replace(/^[,\s/-]+|[,\s/-]+$/g, ''));
    const bare = emails.length === 0 && current ? [...rest.matchAll(BARE_DOMAIN)].map((m) => m[0]) : [];

    if (emails.length || phones.length || bare.length) {
      continuesOrg = false;
      if (!current) continue;
      if (rest && !bare.length && current.org === null && stackPosition > 0) current.org = rest.replace(/,$/, '');
      for (const p of phones) if (!current.phone) current.phone = p;
      const all: Array<{ email: string; asWritten: string | null }> = emails.map((e) => ({ email: e, asWritten: null }));
      for (const b of bare) {
        const fixed = repairEmail(b, current.name, ctx);
        if (fixed) all.push({ email: fixed, asWritten: b });
      }
      for (const e of all) {
        // a second address of the same person is one more address of one contact
        if (current.emails.includes(e.email)) continue;
        current.emails.push(e.email);
        current.email ??= e.email;
        if (e.asWritten !== null) {
          current.emailRepaired = true;
          current.emailAsWritten = e.asWritten;
        }
      }
      current.lineEnd = Math.max(current.lineEnd, n);
      stackPosition++;
      continue;
    }
    if (/:$/.test(text) && text.length <= 80) {
      label = text.replace(/:$/, '');
      current = null;
      continue;
    }
    if (continuesOrg && current) {
      current.org = squash(`${current.org ?? ''} ${text}`).replace(/^,\s*/, '').replace(/,$/, '');
      current.lineEnd = n;
      continuesOrg = /,$/.test(text);
      continue;
    }
    if (current && !current.email && !current.phone && stackPosition === 0 && !text.includes(',') && text.split(' ').length <= 5 && !looksLikeName(text)) {
      current.role = text; // "Name" then "Role" on its own line
      current.lineEnd = n;
      stackPosition = 1;
      continue;
    }
    const parts = text.split(/\s*,\s*/).filter(Boolean);
    const head = splitLeadingRole(parts[0]);
    if (!looksLikeName(head.name)) {
      if (current && !current.org) {
        current.org = text.replace(/,$/, '');
        current.lineEnd = n;
      }
      continue;
    }
    current = emptyContact(head.name, n);
    current.role = head.role ?? parts[1] ?? null;
    const orgParts = head.role ? parts.slice(1) : parts.slice(2);
    current.org = orgParts.length ? orgParts.join(', ') : label;
    continuesOrg = /,$/.test(text);
    stackPosition = 0;
    people.push(current);
  }
  return people.filter((p) => p.email || p.phone);
}
