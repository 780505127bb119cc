import type { Case, Chunk, Contact } from '../types.js';

/**
 * What the API and the pages show of a case and of a contact: one projection each, so a field
 * added to one is added to both.
 */

/** A case in the case list (`GET /api/cases`, `/cases`). */
export function caseListItem(c: Case) {
  return { id: c.id, title: c.title, organisations: c.organisations, year: c.year, document: c.document };
}

export type CaseListItem = ReturnType<typeof caseListItem>;

/** A contact as clients see it. */
export function contactView(p: Contact) {
  return { name: p.name, role: p.role, org: p.org, email: p.email, emails: p.emails, phone: p.phone, emailRepaired: p.emailRepaired };
}

export type ContactView = ReturnType<typeof contactView>;

/** The text of each line (1-based) of a case, as its chunks hold it: every chunk is the exact text of its lines. */
export function caseLines(chunks: Chunk[]): Map<number, string> {
  const lines = new Map<number, string>();
  for (const k of chunks)
    k.text.split('\n').forEach((l, i) => {
      lines.set(k.lineStart + i, l);
    });
  return lines;
}
