import type { Case, Contact, LoadedDocument } from '../types.js';
import type { Logger } from '../log.js';
import { slugify, squash } from '../text/normalize.js';
import { numbered } from './blocks.js';
import { parseContactBlock, type ContactContext } from './contacts.js';
import type { DraftCase, Layout } from './draft.js';
import { article } from './layouts/article.js';
import { booklet } from './layouts/booklet.js';
import { catalogue } from './layouts/catalogue.js';
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

/** The document's own title: the one it declares (PDF metadata), else its first heading-like line (used as "document" in citations). */
function documentTitle(doc: LoadedDocument): string {
  if (doc.title) return doc.title;
  const h = doc.headingLines[0];
  if (h !== undefined) return squash(doc.lines[h]).replace(/^#+\s*/, '');
  const first = doc.lines.find((l) => squash(l).length >= 3 && !/^spring til/i.test(l.trim()));
  return first ? squash(first).slice(0, 100) : doc.file;
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
  const docTitle = documentTitle(doc);
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

/** Segments all documents; case ids are made unique across the corpus (stable: document order, then line). */
export function segmentCorpus(docs: LoadedDocument[], logger: Logger): Case[] {
  const domains = knownDomains(docs);
  const all = docs.flatMap((d) => segmentDocument(d, domains, logger));
  const seen = new Map<string, number>();
  for (const c of all) {
    const n = seen.get(c.id) ?? 0;
    seen.set(c.id, n + 1);
    if (n > 0) c.id = `${c.id}-${slugify(c.file.replace(/\.[a-z]+$/i, ''))}`.slice(0, 100);
  }
  return all;
}
