import type { Case, Chunk, Contact } from '../types.js';
import { display, sentencesOf, type Sentence } from './sentences.js';

/** A numbered citation: a quote from a retrieved passage and the exact lines it stands on. */
export interface Citation {
  n: number;
  caseId: string;
  title: string;
  /** The quoted text exactly as in the corpus (lines joined by "\n"). */
  quote: string;
  chunkId: string;
  source: { file: string; page: number | null; lineStart: number | null; lineEnd: number | null };
}

/**
 * Where a passage stands: file, page, and lines — lines only where they are the stored file's own
 * (a PDF is cited by page; HTML by its extracted text, whose lines the file does not have).
 */
export function sourceOf(chunk: Chunk, lineStart = chunk.lineStart, lineEnd = chunk.lineEnd): Citation['source'] {
  return chunk.linesAreSource
    ? { file: chunk.file, page: chunk.page, lineStart, lineEnd }
    : { file: chunk.file, page: chunk.page, lineStart: null, lineEnd: null };
}

/** Collects citations while an answer is written; the same quote gets the same number. */
export class Citations {
  readonly list: Citation[] = [];
  /** Keys of the sentences quoted ("chunk id:offset"), for the next turn to say something new. */
  readonly said: string[] = [];

  /** Cites a sentence and returns its marker, e.g. "[2]". */
  cite(s: Sentence, c: Pick<Case, 'id' | 'title'>): string {
    const existing = this.list.find((x) => x.chunkId === s.chunk.id && x.quote === s.text);
    if (existing) return `[${existing.n}]`;
    const n = this.list.length + 1;
    // every sentence the quote spans (a quote may bring along the sentence it leans on)
    for (const x of sentencesOf(s.chunk)) if (x.start >= s.start && x.start < s.end) this.said.push(`${x.chunk.id}:${x.start}`);
    this.list.push({
      n,
      caseId: c.id,
      title: c.title,
      quote: s.text,
      chunkId: s.chunk.id,
      source: sourceOf(s.chunk, s.lineStart, s.lineEnd),
    });
    return `[${n}]`;
  }
}

/** "**Læsehestene** (Lejre Kommune)" — a case named with its first organisations. */
export function caseLabel(c: Case, orgs = 2): string {
  const o = c.organisations.slice(0, orgs).join(', ');
  return o ? `**${c.title}** (${o})` : `**${c.title}**`;
}

/** Sentences in a paragraph, each followed by its citation marker. */
export function citedText(sentences: Sentence[], c: Case, citations: Citations): string {
  // the best answer first (the selection's order); sentences of one passage together, in their own order
  const byChunk = new Map<string, Sentence[]>();
  for (const s of sentences) byChunk.set(s.chunk.id, [...(byChunk.get(s.chunk.id) ?? []), s]);
  return [...byChunk.values()]
    .flatMap((group) => group.sort((a, b) => a.start - b.start))
    .map((s) => {
      const t = display(s);
      return `${/[.!?:]$/.test(t) ? t : `${t}.`} ${citations.cite(s, c)}`;
    })
    .join(' ');
}

/** One contact as a line: name, role, organisation, email (marked when repaired), phone. */
export function contactLine(p: Contact): string {
  const who = [p.name, p.role, p.org].filter(Boolean).join(', ');
  const email = p.email ? (p.emailRepaired ? `${p.email} (rettet fra «${p.emailAsWritten}»)` : p.email) : null;
  return `- ${[who, email, p.phone ? `tlf. ${p.phoneAsWritten ?? p.phone}` : null].filter(Boolean).join(' · ')}`;
}
