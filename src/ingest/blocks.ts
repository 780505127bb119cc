import { isBlank, isUpperLine } from '../text/normalize.js';
import type { NumberedLine } from './contacts.js';

/** A run of non-blank lines; `start`/`end` are 0-based line indexes, inclusive. */
export interface Block {
  start: number;
  end: number;
}

/** Splits lines [from, to] (0-based, inclusive) into blocks of consecutive non-blank lines. */
export function blocksIn(lines: string[], from = 0, to = lines.length - 1): Block[] {
  return [...eachBlock(lines, from, to)];
}

/** The blocks of `blocksIn`, one at a time: a scan that stops early reads no further lines. */
export function* eachBlock(lines: string[], from = 0, to = lines.length - 1): Generator<Block> {
  let start = -1;
  for (let i = from; i <= to; i++) {
    if (isBlank(lines[i])) {
      if (start >= 0) yield { start, end: i - 1 };
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) yield { start, end: to };
}

/** Lines [from, to] (0-based) as numbered lines (1-based numbers). */
export function numbered(lines: string[], from: number, to: number): NumberedLine[] {
  const out: NumberedLine[] = [];
  for (let i = from; i <= to; i++) out.push({ n: i + 1, text: lines[i] });
  return out;
}

/** Headings that open a contact block, in the layouts of the corpus and their kin. */
export const CONTACT_HEADERS: RegExp[] = [
  /^hvis du vil genbruge .*kontakt:?\s*$/i,
  /^hvem kan du kontakte\??\s*$/i,
  /^kontakt(?:person(?:er)?)?\s*[>:]?\s*$/i,
  /^yderligere oplysninger:?\s*$/i,
  /^(?:for )?(?:mere|yderligere) information:?\s*$/i,
  // "Har du en ide så kontakt:", "Vil du vide mere, så kontakt os:" — a short line ending in "kontakt:"
  /^[^.!?]{0,60}\bkontakt(?:e|\s+os)?\s*:\s*$/i,
];

export function isContactHeader(line: string): boolean {
  return CONTACT_HEADERS.some((r) => r.test(line.trim()));
}

const DETAIL = /@|(?:\+45\s?)?(?<!\d)(?:\d[\s\u00a0]?){7}\d(?!\d)|https?:|www\.|^\s*se desuden|[📞☎✉]|\b[\p{L}\p{N}._-]{3,}\.(?:dk|com|org|link)\b/iu;

/** True when a line carries a contact detail: an email, a phone number, a web address. */
export function hasContactDetail(line: string): boolean {
  return DETAIL.test(line);
}

/**
 * The last line (0-based) of the contact block opened by the header at `header`:
 * blocks with details are taken, with the person lines before them; the first block that is
 * neither ends the scan (a pull quote, a banner, the next case's title).
 */
export function contactBlockEnd(lines: string[], header: number, limit = lines.length - 1): number {
  let end = header;
  let pending = false;
  // blocks are read only as far as the scan goes: the limit may be the end of a large document
  for (const b of eachBlock(lines, header + 1, limit)) {
    const text = lines.slice(b.start, b.end + 1);
    if (text.some(hasContactDetail)) {
      end = b.end;
      pending = false;
      continue;
    }
    const personLike = text.every((l) => l.trim().length <= 200 && !/[.!?”"]\s*$/.test(l.trim()) && !isUpperLine(l) && !isContactHeader(l));
    const label = text.length === 1 && /:\s*$/.test(text[0]) && text[0].length <= 80;
    if (!(personLike || label)) break;
    if (pending && !label) {
      // two blocks in a row without any detail: not a contact block any more
      const wordsInBlock = text.join(' ').split(/\s+/).length;
      if (wordsInBlock > 6) break;
    }
    pending = true;
  }
  return end;
}
