import type { Case, Contact, LoadedDocument } from '../types.js';
import type { Logger } from '../log.js';
import { isUpperLine, sentenceCaseFromCaps, slugify, squash } from '../text/normalize.js';
import { numbered } from './blocks.js';
import { parseContactBlock, type ContactContext } from './contacts.js';
import type { DraftCase, Layout } from './draft.js';
import { article } from './layouts/article.js';
import { booklet } from './layouts/booklet.js';
import { catalogue } from './layouts/catalogue.js';
import { organisationsOf, withCanonicalNames, type Organisation } from './organisations.js';
import { orgsInText, readableOrg, splitOrgList } from './orgs.js';

/** Layouts in the order they are tried; the article layout takes whatever is left. */
export const LAYOUTS = { booklet, catalogue, article } satisfies Record<string, Layout>;

const EMAIL = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;

/** Email domains written anywhere in the documents (used to repair addresses that lost their '@'). */
export function knownDomains(docs: LoadedDocument[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) for (const l of d.lines) for (const m of l.matchAll(EMAIL)) out.add(m[1].toLowerCase());
  return out;
}

// A dateline ("date 2018-10 - Det er et unikt samarbejde.", "23/01/2015 09:45"): never a title.
const DATELINE = /\bdate\b|\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i;

/**
 * The document's own title, used as "document" in citations: its first heading (HTML `<title>`/
 * `<h1>`), else its first line when that reads as a title — short, not a sentence, not a dateline,
 * not a skip link; capitals made readable. Null when the text starts without one.
 */
export function documentTitle(doc: LoadedDocument): string | null {
  const heading = doc.headingLines.map((h) => squash(doc.lines[h]).replace(/^#+\s*/, '')).find((t) => t.length >= 3 && !DATELINE.test(t));
  if (heading) return heading;
  for (const line of doc.lines) {
    const t = squash(line).replace(/^#+\s*/, '');
    if (t.length < 3 || /^spring til/i.test(t) || DATELINE.test(t)) continue;
    if (t.length > 100 || /[.!?:]$/.test(t)) return null;
    const readable = isUpperLine(t) ? sentenceCaseFromCaps(t) : t;
    return readable.charAt(0).toUpperCase() + readable.slice(1);
  }
  return null;
}

/** First sentence or two of the describing paragraph, at most ~300 characters. */
function summarise(lines: string[], line: number | null, fallback: string): string {
  const text = line === null ? fallback : squash(lines[line]);
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [text];
  let out = '';
  for (const s of sentences) {
    if (out && (out + s).length > 300) break;
    out += s;
  }
  return squash(out || text).slice(0, 400);
}

/**
 * Finds the cases of one document: picks the layout by structure, then works out organisations,
 * contacts, summary and a stable id for each case.
 */
export function segmentDocument(doc: LoadedDocument, domains: Set<string>, logger: Logger): Case[] {
  const layout = Object.values(LAYOUTS).find((l) => l.detect(doc))!;
  const drafts = layout.segment(doc);
  if (!drafts.length) logger.warn({ code: 'NO_CASES_FOUND', file: doc.file, message: 'no case found in the document' });
  // a text without a title of its own: an article is named by its one case, anything else by its file
  const docTitle = documentTitle(doc) ?? (drafts.length === 1 ? drafts[0].title : doc.file.replace(/\.[a-z]+$/i, ''));
  return drafts.map((d) => finish(doc, d, docTitle, domains, logger));
}

function finish(doc: LoadedDocument, d: DraftCase, document: string, domains: Set<string>, logger: Logger): Case {
  const { lines } = doc;
  const text = lines.slice(d.start, d.end + 1).join('\n');
  const nominator = d.fields.INDSTILLER ? squash(d.fields.INDSTILLER) : d.headerOrg ? readableOrg(d.headerOrg) : null;
  const organisations: string[] = [];
  const add = (o: string) => {
    const name = squash(o);
    if (name && !organisations.some((x) => x.toLowerCase() === name.toLowerCase())) organisations.push(name);
  };
  if (nominator) splitOrgList(nominator).forEach(add);
  // catalogue "Hvem >" is a list of names; booklet "Hvem har samarbejdet" is prose
  if (d.partnersText && d.layout === 'catalogue') splitOrgList(d.partnersText).forEach(add);
  if (d.partnersText) orgsInText(d.partnersText).forEach(add);
  const ctx: ContactContext = { knownDomains: domains, domainHints: [d.title, ...organisations] };
  const contacts: Contact[] = d.contacts ? parseContactBlock(numbered(lines, d.contacts.start, d.contacts.end), ctx) : [];
  for (const c of contacts) {
    if (c.emailRepaired) logger.warn({ code: 'EMAIL_REPAIRED', file: doc.file, message: `${c.emailAsWritten} → ${c.email} (line ${c.lineStart})` });
  }
  if (organisations.length < 2) orgsInText(text).slice(0, 4).forEach(add);
  for (const c of contacts) if (c.org && organisations.length < 8 && /Kommune|Region|hospital|Sygehus/i.test(c.org)) orgsInText(c.org).forEach(add);
  if (d.titleSource === 'toc' && d.layout === 'booklet-long' && !d.fields.INDSTILLER) {
    logger.warn({ code: 'CASE_TITLE_RECOVERED', file: doc.file, message: `"${d.title}" (lines ${d.start + 1}-${d.end + 1}) has no header; title taken from the table of contents` });
  }
  const year = d.fields['ÅRSTAL'] ?? /\b(19[89]\d|20[0-4]\d)\b/.exec(text)?.[1] ?? null;
  const pages = doc.pages;
  return {
    id: slugify(d.title),
    title: d.title,
    file: doc.file,
    document,
    layout: d.layout,
    organisations,
    nominator,
    targetGroup: d.fields['MÅLGRUPPE'] ?? null,
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
  const seen = new Map<string, number>();
  for (const c of all) {
    const n = seen.get(c.id) ?? 0;
    seen.set(c.id, n + 1);
    if (n > 0) c.id = `${c.id}-${slugify(c.file.replace(/\.[a-z]+$/i, ''))}`.slice(0, 100);
  }
  const { organisations, canonical } = organisationsOf(all, docs.map((d) => d.lines.join('\n')).join('\n'));
  return { cases: withCanonicalNames(all, canonical), organisations };
}
