import { createHash } from 'node:crypto';
import type { Case, Chunk, LoadedDocument } from '../types.js';
import { isBlank, wordCount } from '../text/normalize.js';

/** Chunking options. */
export interface ChunkOptions {
  /** Smallest chunk worth standing alone, in words; smaller pieces join their neighbour in the same case. Default 80. */
  minWords: number;
  /** Largest chunk, in words; a longer paragraph is cut at sentence ends. Default 250. */
  maxWords: number;
}

/** Defaults: chunks of about 80–250 words. */
export const defaultChunkOptions: ChunkOptions = { minWords: 80, maxWords: 250 };

/** A piece of a case's text with its exact place: lines (1-based) and character offsets in the document. */
interface Piece {
  section: string;
  lineStart: number;
  lineEnd: number;
  charStart: number;
  charEnd: number;
  words: number;
  isContact: boolean;
}

/** A list item line: "- Et nyt produkt", "• …", "1. …", "2) …". */
const LIST_ITEM = /^\s*(?:[-–•*▪]|\d{1,2}[.)])\s+\S/;

/** Character offset of the start of each line in the document text (lines joined with "\n"). */
export function lineOffsets(lines: string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const l of lines) {
    out.push(at);
    at += l.length + 1;
  }
  return out;
}

/** Splits a long paragraph (one or more lines) at sentence ends into pieces of at most maxWords. */
function splitLong(text: string, base: number, maxWords: number): Array<[number, number]> {
  const ends = [...text.matchAll(/[.!?]["”]?\s+/g)].map((m) => (m.index ?? 0) + m[0].length);
  const out: Array<[number, number]> = [];
  let from = 0;
  let lastCut = 0;
  for (const e of [...ends, text.length]) {
    if (wordCount(text.slice(from, e)) > maxWords && lastCut > from) {
      // the piece ends at its last visible character (the space or newline after it belongs to no chunk)
      out.push([base + from, base + from + text.slice(from, lastCut).trimEnd().length]);
      from = lastCut;
    }
    lastCut = e;
  }
  out.push([base + from, base + text.length]);
  return out;
}

/** The paragraphs of a case as pieces, each tagged with its section; the contact block is marked. */
function pieces(doc: LoadedDocument, docText: string, c: Case, offsets: number[], maxWords: number): Piece[] {
  const { lines } = doc;
  const contact = c.sections.find((s) => s.name === 'Kontakt');
  const sectionAt = (n: number) => [...c.sections].reverse().find((s) => s.lineStart <= n)?.name ?? c.sections[0]?.name ?? '';
  const out: Piece[] = [];
  let i = c.lineStart - 1;
  while (i <= c.lineEnd - 1) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    let j = i;
    // a paragraph: consecutive non-blank lines in one section
    while (j + 1 <= c.lineEnd - 1 && !isBlank(lines[j + 1]) && sectionAt(j + 2) === sectionAt(i + 1)) j++;
    // a lead-in ("De 10 kommuner … er:") and the list items under it are one paragraph, blank lines between them or not
    if (/:\s*$/.test(lines[j])) {
      for (let k = j + 1; k <= c.lineEnd - 1 && sectionAt(k + 1) === sectionAt(i + 1); k++) {
        if (isBlank(lines[k])) continue;
        if (!LIST_ITEM.test(lines[k])) break;
        j = k;
      }
    }
    const charStart = offsets[i];
    const charEnd = offsets[j] + lines[j].length;
    const text = lines.slice(i, j + 1).join('\n');
    const isContact = !!contact && i + 1 >= contact.lineStart;
    for (const [s, e] of wordCount(text) > maxWords ? splitLong(text, charStart, maxWords) : [[charStart, charEnd]]) {
      const ls = lineAt(offsets, s);
      const le = lineAt(offsets, Math.max(s, e - 1));
      out.push({ section: sectionAt(ls + 1), lineStart: ls + 1, lineEnd: le + 1, charStart: s, charEnd: e, words: wordCount(docText.slice(s, e)), isContact });
    }
    i = j + 1;
  }
  return out;
}

function lineAt(offsets: number[], char: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= char) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Deterministic chunk id: hash of the file and the character offsets. */
export function chunkId(file: string, charStart: number, charEnd: number): string {
  return createHash('sha256').update(`${file}:${charStart}:${charEnd}`).digest('hex').slice(0, 16);
}

/**
 * Cuts a case into section-aware chunks of about minWords–maxWords words. Chunks never cross a case;
 * the contact block is always a chunk of its own; each chunk keeps its exact lines and offsets.
 */
export function chunkCase(
  doc: LoadedDocument,
  c: Case,
  options: Partial<ChunkOptions> = {},
  offsets = lineOffsets(doc.lines),
  docText = doc.lines.join('\n'),
): Chunk[] {
  const { minWords, maxWords } = { ...defaultChunkOptions, ...options };
  const groups: Piece[][] = [];
  let cur: Piece[] = [];
  let curWords = 0;
  const flush = () => {
    if (cur.length) groups.push(cur);
    cur = [];
    curWords = 0;
  };
  for (const p of pieces(doc, docText, c, offsets, maxWords)) {
    const contactSwitch = cur.length > 0 && cur[0].isContact !== p.isContact;
    const sectionSwitch = cur.length > 0 && cur.at(-1)!.section !== p.section && curWords >= minWords;
    if (contactSwitch || sectionSwitch || curWords + p.words > maxWords) flush();
    cur.push(p);
    curWords += p.words;
  }
  flush();
  // a small last group joins the one before it when both are ordinary text and it fits
  for (let k = groups.length - 1; k > 0; k--) {
    const g = groups[k];
    const prev = groups[k - 1];
    const words = (x: Piece[]) => x.reduce((n, p) => n + p.words, 0);
    if (words(g) < minWords && !g[0].isContact && !prev[0].isContact && words(prev) + words(g) <= maxWords) {
      groups.splice(k - 1, 2, [...prev, ...g]);
    }
  }
  return groups.map((g) => {
    const charStart = g[0].charStart;
    const charEnd = g.at(-1)!.charEnd;
    const text = docText.slice(charStart, charEnd);
    const sections = [...new Set(g.map((p) => p.section))];
    const section = sections.join(' / ');
    const page = doc.pages ? (doc.pages[g[0].lineStart - 1] ?? null) : null;
    return {
      id: chunkId(doc.file, charStart, charEnd),
      caseId: c.id,
      section,
      text,
      indexText: `${c.title}. ${section}.\n${text}`,
      file: doc.file,
      lineStart: g[0].lineStart,
      lineEnd: g.at(-1)!.lineEnd,
      page,
      charStart,
      charEnd,
      isContact: g[0].isContact,
      linesAreSource: doc.linesAreSource,
    };
  });
}
