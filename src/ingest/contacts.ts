import type { Contact } from '../types.js';
import { foldDanish } from '../text/fold.js';
import { alnumKey, isBlank, squash } from '../text/normalize.js';
import { hasContactDetail, isContactHeader } from './blocks.js';
import { orgsInText } from './orgs.js';

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
const SYMBOLS = /📞|☎|✉|\u{FE0F}/gu;

/** Normalises a Danish phone number to `+45 xx xx xx xx`; other numbers are returned squashed. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  const local = digits.length === 10 && digits.startsWith('45') ? digits.slice(2) : digits;
  if (local.length === 8) return `+45 ${local.replace(/(\d\d)(?=\d)/g, '$1 ')}`;
  return squash(raw);
}

/** Gives a contact a phone number: normalised, and as written. */
function setPhone(person: Contact, raw: string): void {
  person.phone = normalisePhone(raw);
  person.phoneAsWritten = squash(raw);
}

/** Two to six capitalised words ("Jette Hede Skytte", "Sara S. Lund"). */
export function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 6) return false;
  return words.every((w) => /^\p{Lu}[\p{L}.'-]*$/u.test(w) || /^(de|van|von|la)$/.test(w));
}

// Words that make a capitalised name an organisation or a place, not a person.
const ORG_WORD =
  /(kommune|region|hospital|sygehus|styrelsen?|ministeriet?|fonden?|center|centret|universitet|skole|forvaltning(en)?|afdeling(en)?|alliancen?|biblioteke?r?|selskab|forening(en)?|rådet?)$/i;

/** A person's name: a name of two to four words, none of them an organisation word ("Region Nordjylland" is not). */
export function looksLikePerson(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= 4 && looksLikeName(text) && !words.some((w) => ORG_WORD.test(w));
}

/** "Susanne Hyldborg på mail:", "tlf.:" — the words that tie a detail to a name, removed before the name is read. */
const DETAIL_WORDS = /\b(?:på\s+)?(?:e-?mail|mail|e-post|telefon|mobil|tlf)\b\.?\s*:?/gi;

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
  const first = foldDanish(personName.split(/\s+/)[0] ?? '');
  // A glyph that replaced '@' leaves one extra character after a name-like local part.
  if (first && foldDanish(prefix.slice(0, -1)) === first) return `${prefix.slice(0, -1)}@${domain}`;
  return `${prefix}@${domain}`;
}

function emptyContact(name: string, n: number): Contact {
  return {
    name,
    role: null,
    org: null,
    email: null,
    emails: [],
    phone: null,
    phoneAsWritten: null,
    emailRepaired: false,
    emailAsWritten: null,
    lineStart: n,
    lineEnd: n,
  };
}

/** The person a line starts with ("Name, role, org", "Role Name, org"), or null. */
function personAt(text: string, label: string | null): Contact | null {
  const parts = text.split(/\s*,\s*/).filter(Boolean);
  if (!parts.length) return null;
  const head = splitLeadingRole(parts[0]);
  if (!looksLikeName(head.name)) return null;
  const person = emptyContact(head.name, 0);
  person.role = head.role ?? parts[1] ?? null;
  const orgParts = head.role ? parts.slice(1) : parts.slice(2);
  person.org = orgParts.length ? orgParts.join(', ') : label;
  return person;
}

/** "Kontakt: Jette Hede Skytte, udviklingskonsulent, Viborg Kommune," → the text after the label, or null. */
function afterContactLabel(text: string): string | null {
  const m = /^([^:]{2,40}):\s*(\S.*)$/.exec(text);
  if (!m || !isContactHeader(`${m[1]}:`)) return null;
  const person = personAt(m[2].replace(EMAIL, ' ').replace(PHONE, ' ').replace(DETAIL_WORDS, ' '), null);
  return person && looksLikePerson(person.name) ? m[2] : null;
}

/** Whether a line names a contact: a detail (email, phone, web address) or "Kontakt: Name, …". */
export function isContactLine(line: string): boolean {
  return hasContactDetail(line) || afterContactLabel(squash(line)) !== null;
}

/**
 * Parses a contact block into people. Handles the layouts found in the corpus and on web pages:
 * "Name, role, organisation" lines followed by phone/email lines; "Name / Role / Org, email" stacks;
 * "Role Name, Org," with "tlf." lines; group labels ending in ':'; several addresses of one person
 * ("kiej@aarhus.dk / kirjen@rm.dk"), which make one contact with several addresses; a person and
 * their details on one line ("Susanne Hyldborg på mail: x@y.dk", "Name, role, org, email"); a
 * contact label before the person ("Kontakt: Name, role, org").
 * People quoted without any contact detail are not returned, unless a contact label names them.
 */
export function parseContactBlock(lines: NumberedLine[], ctx: ContactContext): Contact[] {
  const people: Contact[] = [];
  const labelled = new Set<Contact>();
  let current: Contact | null = null;
  let label: string | null = null;
  let continuesOrg = false;
  let stackPosition = 0; // lines seen since a name-only line (Name / Role / Org stacks)
  const start = (person: Contact, n: number, text: string): Contact => {
    person.lineStart = n;
    person.lineEnd = n;
    continuesOrg = /,$/.test(text);
    stackPosition = 0;
    people.push(person);
    return person;
  };

  for (const { n, text: raw } of lines) {
    if (isBlank(raw)) continue;
    let text = squash(raw.replace(SYMBOLS, ' '));
    if (/^se desuden\b/i.test(text) || /^https?:|^www\./i.test(text)) continue;
    const afterLabel = afterContactLabel(text);
    if (afterLabel !== null) text = afterLabel;
    const emails = text.match(EMAIL) ?? [];
    let rest = text.replace(EMAIL, ' ').replace(/-?\s*att\.?:.*$/i, ' ');
    const phones = rest.match(PHONE) ?? [];
    rest = squash(
      rest
        .replace(PHONE, ' ')
        .replace(DETAIL_WORDS, ' ')
        .replace(/^[,\s/-]+|[,\s/-]+$/g, ''),
    );

    if (emails.length || phones.length) {
      // a person named on the line of their details, or after a contact label
      const named = personAt(rest, label);
      if (named && looksLikePerson(named.name) && (afterLabel !== null || !current || current.email || current.phone)) {
        current = start(named, n, rest);
        if (afterLabel !== null) labelled.add(named);
      }
    }
    const bare = emails.length === 0 && current ? [...rest.matchAll(BARE_DOMAIN)].map((m) => m[0]) : [];

    if (emails.length || phones.length || bare.length) {
      continuesOrg = false;
      if (!current) continue;
      const person = current;
      if (rest && !bare.length && person.org === null && stackPosition > 0) person.org = rest.replace(/,$/, '');
      for (const p of phones) if (!person.phone) setPhone(person, p);
      const all: Array<{ email: string; asWritten: string | null }> = emails.map((e) => ({ email: e, asWritten: null }));
      for (const b of bare) {
        const fixed = repairEmail(b, person.name, ctx);
        if (fixed) all.push({ email: fixed, asWritten: b });
      }
      for (const e of all) {
        // a second address of the same person is one more address of one contact
        if (person.emails.includes(e.email)) continue;
        person.emails.push(e.email);
        person.email ??= e.email;
        if (e.asWritten !== null) {
          person.emailRepaired = true;
          person.emailAsWritten = e.asWritten;
        }
      }
      person.lineEnd = Math.max(person.lineEnd, n);
      stackPosition++;
      continue;
    }
    if (/:$/.test(text) && text.length <= 80) {
      label = text.replace(/:$/, '');
      current = null;
      continue;
    }
    if (continuesOrg && current && afterLabel === null) {
      current.org = squash(`${current.org ?? ''} ${text}`)
        .replace(/^,\s*/, '')
        .replace(/,$/, '');
      current.lineEnd = n;
      continuesOrg = /,$/.test(text);
      continue;
    }
    if (
      current &&
      afterLabel === null &&
      !current.email &&
      !current.phone &&
      stackPosition === 0 &&
      !text.includes(',') &&
      text.split(' ').length <= 5 &&
      !looksLikeName(text)
    ) {
      current.role = text; // "Name" then "Role" on its own line
      current.lineEnd = n;
      stackPosition = 1;
      continue;
    }
    const roleFirst = /^([^,]{3,40}),\s*(.+)$/.exec(text);
    if (
      current &&
      afterLabel === null &&
      !current.email &&
      !current.phone &&
      stackPosition === 0 &&
      roleFirst &&
      ROLE_WORD.test(roleFirst[1]) &&
      !looksLikeName(roleFirst[1])
    ) {
      current.role = roleFirst[1]; // "Name" then "Role, Org" on its own line
      current.org = roleFirst[2].replace(/,$/, '');
      current.lineEnd = n;
      stackPosition = 1;
      continue;
    }
    const person = personAt(text, label);
    if (!person) {
      if (current && !current.org) {
        current.org = text.replace(/,$/, '');
        current.lineEnd = n;
      }
      continue;
    }
    current = start(person, n, text);
    if (afterLabel !== null) labelled.add(person);
  }
  return people.filter((p) => p.email || p.phone || labelled.has(p));
}

/** A paragraph of running text: its lines' text joined by spaces, and where each line starts in it. */
interface Paragraph {
  text: string;
  lines: Array<{ n: number; at: number }>;
}

/** Consecutive non-blank lines (by number) as paragraphs. */
function paragraphs(lines: NumberedLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let prev = -1;
  for (const { n, text } of lines) {
    if (isBlank(text)) {
      prev = -1;
      continue;
    }
    const p = prev === n - 1 ? out[out.length - 1] : null;
    const line = squash(text);
    if (p) {
      p.lines.push({ n, at: p.text.length + 1 });
      p.text += ` ${line}`;
    } else {
      out.push({ text: line, lines: [{ n, at: 0 }] });
    }
    prev = n;
  }
  return out;
}

const lineOf = (p: Paragraph, at: number) => [...p.lines].reverse().find((l) => l.at <= at)?.n ?? p.lines[0].n;

// A run of capitalised words: a name, or a role and a name at the start of a sentence.
const CAPITALISED_RUN = /(?<![\p{L}\p{N}@.])\p{Lu}[\p{L}'-]+(?:\s+(?:\p{Lu}[\p{L}'.-]*|de|van|von))+/gu;

/** People a sentence names next to a role: "projektleder Mette Lind", "Mette Lind, der er projektleder". */
function peopleWithRoles(sentence: string): Array<{ name: string; role: string; at: number; end: number }> {
  const out: Array<{ name: string; role: string; at: number; end: number }> = [];
  for (const m of sentence.matchAll(CAPITALISED_RUN)) {
    const at = m.index ?? 0;
    const lead = splitLeadingRole(m[0]);
    const before = /(\p{L}+)\s+$/u.exec(sentence.slice(0, at))?.[1] ?? '';
    const after = /^,?\s+(?:der er |som er |og )?(\p{L}+)/u.exec(sentence.slice(at + m[0].length))?.[1] ?? '';
    const role = lead.role ?? (ROLE_WORD.test(before) ? before : ROLE_WORD.test(after) ? after : null);
    if (role && looksLikePerson(lead.name)) out.push({ name: lead.name, role, at, end: at + m[0].length });
  }
  return out;
}

/**
 * Contacts named in a case's running text, outside its contact block: "Kontakt: Name, role, org" lines
 * (with the detail lines of their paragraph), and a person named next to a role with an email or phone
 * in the same sentence ("… siger projektleder Mette Lind, som kan kontaktes på meli@roskilde.dk").
 */
export function contactsInText(lines: NumberedLine[], ctx: ContactContext): Contact[] {
  const found: Contact[] = [];
  let from = 0;
  for (const p of paragraphs(lines)) {
    // a labelled line and the lines after it in its paragraph
    while (lines[from].n < p.lines[0].n) from++;
    const own = lines.slice(from, from + p.lines.length);
    const first = p.text.includes(':') ? own.findIndex((l) => afterContactLabel(squash(l.text)) !== null) : -1;
    if (first >= 0) found.push(...parseContactBlock(own.slice(first), ctx));
    // only a paragraph with an email or a phone-like run of digits can name a contact in a sentence
    if (!/@|\d[\s\u00a0]?\d[\s\u00a0]?\d[\s\u00a0]?\d/.test(p.text)) continue;
    // sentences end at . ! ? before a capital, a quote or a dash (not inside "tlf. 46 31 30 00" or an address)
    let base = 0;
    for (const text of p.text.split(/(?<=[.!?])\s+(?=[\p{Lu}"“”–-])/u)) {
      const at = p.text.indexOf(text, base);
      base = at + text.length;
      const details = [...text.matchAll(EMAIL), ...text.matchAll(PHONE)].map((m) => ({ value: m[0], at: m.index ?? 0, email: m[0].includes('@') }));
      const people = details.length ? peopleWithRoles(text) : [];
      for (const d of details) {
        // the person nearest before the detail, else the nearest after it
        const nearest = people.map((x) => ({ x, gap: d.at >= x.end ? d.at - x.end : 4 * (x.at - d.at) })).sort((a, b) => a.gap - b.gap)[0]?.x;
        if (!nearest) continue;
        let person = found.find((c) => c.name === nearest.name);
        if (!person) {
          person = emptyContact(nearest.name, lineOf(p, at + nearest.at));
          person.role = nearest.role;
          person.org = orgsInText(text)[0] ?? null;
          found.push(person);
        }
        if (d.email && !person.email) person.email = d.value;
        if (!d.email && !person.phone) setPhone(person, d.value);
        person.lineEnd = Math.max(person.lineEnd, lineOf(p, at + d.at));
      }
    }
  }
  return found;
}

/** The contacts of a case in the order they are written, each person (by email, else name) once. */
export function mergeContacts(...lists: Contact[][]): Contact[] {
  const out: Contact[] = [];
  const key = (c: Contact) => (c.email ?? `name:${c.name}`).toLowerCase();
  for (const c of lists.flat()) {
    if (out.some((x) => key(x) === key(c) || (x.name === c.name && (!x.email || !c.email)))) continue;
    out.push(c);
  }
  return out.sort((a, b) => a.lineStart - b.lineStart);
}
