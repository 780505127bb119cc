import type { Case, Contact, LoadedDocument } from '../types.js';
import type { Logger } from '../log.js';
import { isUpperLine, sentenceCaseFromCaps, slugify, squash } from '../text/normalize.js';
import { numbered } from './blocks.js';
import { contactsInText, mergeContacts, parseContactBlock, type ContactContext } from './contacts.js';
import { wholeDocument, type DraftCase, type Layout, type Region } from './draft.js';
import { article } from './layouts/article.js';
import { booklet } from './layouts/booklet.js';
import { catalogue } from './layouts/catalogue.js';
import { organisationsOf, withCanonicalNames, type Organisation } from './organisations.js';
import { orgsInText, readableOrg, splitOrgList } from './orgs.js';
import { danish } from '../language/da.js';
import type { LanguageProfile } from '../language/profile.js';

/** Layouts in the order they are tried; the article layout takes a document no other layout found cases in. */
export const LAYOUTS = { booklet, catalogue, article } satisfies Record<string, Layout>;

/** The layouts that find their cases in a part of a document, one after the other. */
const PART_LAYOUTS: Layout[] = [LAYOUTS.booklet, LAYOUTS.catalogue];

const EMAIL = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;

/** Email domains written anywhere in the documents (used to repair addresses that lost their '@'). */
export function knownDomains(docs: LoadedDocument[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) for (const l of d.lines) for (const m of l.matchAll(EMAIL)) out.add(m[1].toLowerCase());
  return out;
}

/** A date line ("date 2018-10 - …", "23/01/2015 09:45", "23.01.2015"): never a title. */
const DATELINE = /\bdate\b|\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/i;

/**
 * The document's own title, used as "document" in citations: the title it declares about itself
 * (PDF metadata), else its first heading (HTML `<title>`/`<h1>`), else its first line when that reads
 * as a title — short, not a sentence, not a date line, not a skip link; capitals made readable. Null
 * when the text starts without one.
 */
export function documentTitle(doc: LoadedDocument): string | null {
  if (doc.title) return doc.title;
  const heading = doc.headingLines.map((h) => squash(doc.lines[h]).replace(/^#+\s*/, '')).find((t) => t.length >= 3 && !DATELINE.test(t));
  if (heading) return heading;
  for (const line of doc.lines) {
    const t = squash(line).replace(/^#+\s*/, '');
    if (t.length < 3 || /^(spring|skip|gå) til/i.test(t) || DATELINE.test(t)) continue;
    if (t.length > 100 || /[.!?:]$/.test(t)) return null;
    const readable = isUpperLine(t) ? sentenceCaseFromCaps(t) : t;
    return readable.charAt(0).toUpperCase() + readable.slice(1);
  }
  return null;
}

/** First sentence or two of the describing paragraph, at most ~300 characters. */
function summarise(lines: string[], line: number | null, fallback: string): string {
  const text = line === null ? fallback : squash(lines[line]);
  // a full stop inside a number or an address ("4.000", "coi.dk") does not end a sentence
  const sentences = text.match(/(?:[^.!?]|[.!?](?!\s|$))+[.!?]+(?:\s|$)/g) ?? [text];
  let out = '';
  for (const s of sentences) {
    if (out && (out + s).length > 300) break;
    out += s;
  }
  return squash(out || text).slice(0, 400);
}

/** The stretches of `region` that no draft covers, in order. */
function uncovered(region: Region, drafts: DraftCase[]): Region[] {
  const out: Region[] = [];
  let from = region.start;
  for (const d of [...drafts].sort((a, b) => a.start - b.start)) {
    if (d.start > from) out.push({ start: from, end: d.start - 1 });
    from = Math.max(from, d.end + 1);
  }
  if (from <= region.end) out.push({ start: from, end: region.end });
  return out;
}

/**
 * The drafts of one document, layout by layout: the booklet layout finds its cases, the catalogue
 * layout looks in what is left, so a file mixing a booklet part and a catalogue part keeps both.
 * A document neither finds anything in is one article (or its announced examples).
 */
export function draftCases(doc: LoadedDocument): DraftCase[] {
  const drafts: DraftCase[] = [];
  for (const layout of PART_LAYOUTS) {
    for (const part of uncovered(wholeDocument(doc), drafts)) {
      if (layout.detect(doc, part)) drafts.push(...layout.segment(doc, part));
    }
  }
  if (!drafts.length) return LAYOUTS.article.segment(doc, wholeDocument(doc));
  return drafts.sort((a, b) => a.start - b.start);
}

/**
 * Finds the cases of one document (`draftCases`), then works out organisations, contacts,
 * summary and an id for each case.
 */
export function segmentDocument(doc: LoadedDocument, domains: Set<string>, logger: Logger): Case[] {
  const drafts = draftCases(doc);
  if (!drafts.length) logger.warn({ code: 'NO_CASES_FOUND', file: doc.file, message: 'no case found in the document' });
  // a text without a title of its own: an article is named by its one case, anything else by its file
  const docTitle = documentTitle(doc) ?? (drafts.length === 1 ? drafts[0].title : doc.file.replace(/\.[a-z]+$/i, ''));
  const publisher = drafts.length ? publisherOf(doc.lines.slice(0, drafts[0].start).join('\n')) : null;
  return drafts.map((d) => finish(doc, d, docTitle, domains, logger, publisher));
}

/**
 * The organisation a document speaks for: the one organisation its introduction (the text before
 * its first case) names while the writer says "vi"/"vores" ("I Odense Kommune bruger vi innovation
 * …"), or null. A municipality's page of its own projects does not name the municipality again in
 * each of them; a booklet's or catalogue's cases say who is behind them.
 */
export function publisherOf(intro: string, profile: LanguageProfile = danish): string | null {
  const words = new Set(intro.toLowerCase().match(/\p{L}+/gu) ?? []);
  if (!profile.grammar.firstPersonPlural.some((w) => words.has(w))) return null;
  const orgs = orgsInText(intro);
  return orgs.length === 1 ? orgs[0] : null;
}

function finish(doc: LoadedDocument, d: DraftCase, document: string, domains: Set<string>, logger: Logger, publisher: string | null = null): Case {
  const { lines } = doc;
  const text = lines.slice(d.start, d.end + 1).join('\n');
  const nominator = d.fields.INDSTILLER ? squash(d.fields.INDSTILLER) : d.headerOrg ? readableOrg(d.headerOrg) : null;
  const organisations: string[] = [];
  const add = (o: string) => {
    const name = squash(o);
    if (name && !organisations.some((x) => x.toLowerCase() === name.toLowerCase())) organisations.push(name);
  };
  if (nominator) splitOrgList(nominator).forEach(add);
  // a case that says neither who put it forward nor who worked on it is the publisher's own
  else if (publisher && !d.partnersText) add(publisher);
  // catalogue "Hvem >" is a list of names; booklet "Hvem har samarbejdet" is prose
  if (d.partnersText && d.layout === 'catalogue') splitOrgList(d.partnersText).forEach(add);
  if (d.partnersText) orgsInText(d.partnersText).forEach(add);
  const ctx: ContactContext = { knownDomains: domains, domainHints: [d.title, ...organisations] };
  const block = d.contacts ? parseContactBlock(numbered(lines, d.contacts.start, d.contacts.end), ctx) : [];
  // contacts named in the running text: "Kontakt: Name, role, org" lines, a project leader with an email
  const outside = numbered(lines, d.start, d.end).filter((l) => !d.contacts || l.n < d.contacts.start || l.n > d.contacts.end + 1);
  const contacts: Contact[] = mergeContacts(block, contactsInText(outside, ctx));
  for (const c of contacts) {
    if (c.emailRepaired) logger.warn({ code: 'EMAIL_REPAIRED', file: doc.file, message: `${c.emailAsWritten} → ${c.email} (line ${c.lineStart})` });
  }
  // every organisation is kept; the pages decide how many to show
  if (organisations.length < 2) orgsInText(text).forEach(add);
  for (const c of contacts) if (c.org && /Kommune|Region|hospital|Sygehus/i.test(c.org)) orgsInText(c.org).forEach(add);
  if (d.titleSource === 'toc' && d.layout === 'booklet-long' && !d.fields.INDSTILLER) {
    logger.warn({
      code: 'CASE_TITLE_RECOVERED',
      file: doc.file,
      message: `"${d.title}" (lines ${d.start + 1}-${d.end + 1}) has no header; title taken from the table of contents`,
    });
  }
  const year = d.fields.ÅRSTAL ?? /\b(19[89]\d|20[0-4]\d)\b/.exec(text)?.[1] ?? null;
  const pages = doc.pages;
  return {
    id: slugify(d.title),
    title: d.title,
    file: doc.file,
    document,
    layout: d.layout,
    organisations,
    nominator,
    targetGroup: d.fields.MÅLGRUPPE ?? null,
    year,
    sections: d.sections,
    summary: summarise(lines, d.summaryLine, squash(text).slice(0, 300)),
    contacts,
    lineStart: d.start + 1,
    lineEnd: d.end + 1,
    pageStart: pages ? pages[d.start] : null,
    pageEnd: pages ? pages[d.end] : null,
    linesAreSource: doc.linesAreSource,
  };
}

/** Where a case stands, for messages: "laes.txt lines 581-694" or "rapport.pdf pages 3-4". */
function place(c: Case): string {
  return c.pageStart !== null ? `${c.file} pages ${c.pageStart}-${c.pageEnd}` : `${c.file} lines ${c.lineStart}-${c.lineEnd}`;
}

/**
 * Makes case ids unique across the index, in corpus order: the first case keeps its id; a later case
 * with the same id gets a suffix, its file's name when it is in another file, else its number among
 * the cases of that id (`-2`, `-3` …), and a DUPLICATE_CASE_ID warning names both places.
 */
export function uniqueIds(cases: Case[], logger: Logger): void {
  const taken = new Map<string, Case>();
  const seen = new Map<string, number>();
  for (const c of cases) {
    const base = c.id;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const first = taken.get(base);
    if (!first) {
      taken.set(base, c);
      continue;
    }
    const byFile = first.file !== c.file ? `${base}-${slugify(c.file.replace(/\.[a-z]+$/i, ''))}`.slice(0, 100) : null;
    let id = byFile !== null && !taken.has(byFile) ? byFile : `${base}-${n}`;
    for (let k = n; taken.has(id); k++) id = `${base}-${k + 1}`;
    c.id = id;
    taken.set(id, c);
    logger.warn({
      code: 'DUPLICATE_CASE_ID',
      file: c.file,
      message: `"${c.title}" at ${place(c)} has the id "${base}" of the case at ${place(first)}; it is "${id}"`,
    });
  }
}

/** Segments all documents into cases: see `readCases`. */
export function segmentCorpus(docs: LoadedDocument[], logger: Logger): Case[] {
  return readCases(docs, logger).cases;
}

/**
 * Segments all documents; case ids are made unique across the corpus (stable: document order, then
 * line). Each organisation is named one way in every case (see `organisationsOf`); the organisations
 * come with the variants merged into their names, for a person to check.
 */
export function readCases(docs: LoadedDocument[], logger: Logger): { cases: Case[]; organisations: Organisation[] } {
  const domains = knownDomains(docs);
  const all = docs.flatMap((d) => segmentDocument(d, domains, logger));
  uniqueIds(all, logger);
  const { organisations, canonical } = organisationsOf(all, docs.map((d) => d.lines.join('\n')).join('\n'));
  return { cases: withCanonicalNames(all, canonical), organisations };
}
