/**
 * Text loaders (`.txt`, `.md`) and the byte → string decoding they share with
 * the HTML loader: binary detection, strict UTF-8, and a detected legacy
 * encoding (windows-1252 and friends) as a warned, not silent, second choice.
 */
import { analyse } from 'chardet';
import type { Logger } from '../../log.js';
import { warn, type LoaderInput, type LoaderOutput } from './types.js';

/** Encoding used when the detected one is unknown to Node's TextDecoder. */
const LEGACY_FALLBACK = 'windows-1252';

/** What windows-1252 bytes 0x80–0x9f mean (WHATWG index; five undefined bytes map to themselves). */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Splits text into the file's own lines: on `\n`, with a trailing `\r` removed,
 * so that line i of the file is `lines[i - 1]`. A final newline ends the last
 * line rather than starting an empty one; a file without one keeps its last line.
 */
export function splitSourceLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/**
 * Decodes a file's bytes to text, or returns null after a BINARY_FILE warning.
 * UTF-8 is decoded strictly (a BOM is stripped); UTF-16 with a BOM is accepted;
 * an encoding the file declares itself (`declared`, e.g. an HTML `<meta charset>`)
 * is honoured next; anything else is decoded in the encoding chardet detects,
 * with a NON_UTF8_TEXT warning that names it.
 */
export function decodeBytes(bytes: Uint8Array, file: string, logger: Logger, maxControlByteRatio: number, declared: string | null = null): string | null {
  const utf16 = utf16Label(bytes);
  if (utf16) {
    warn(logger, 'NON_UTF8_TEXT', file, `decoded as ${utf16} (byte order mark)`);
    return new TextDecoder(utf16).decode(bytes);
  }
  const binary = binaryReason(bytes, maxControlByteRatio);
  if (binary) {
    warn(logger, 'BINARY_FILE', file, binary);
    return null;
  }
  const fromDeclaration = declared === null ? null : decodeDeclared(bytes, declared, file, logger);
  if (fromDeclaration !== null) return fromDeclaration;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeLegacy(bytes, file, logger);
  }
}

/**
 * The bytes in the encoding the file declares, or null (after a NON_UTF8_TEXT warning) when
 * the label is unknown or the bytes are not valid in it, so that the caller guesses instead.
 */
function decodeDeclared(bytes: Uint8Array, label: string, file: string, logger: Logger): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    warn(logger, 'NON_UTF8_TEXT', file, `the declared encoding "${label}" is unknown; guessing instead`);
    return null;
  }
  try {
    return decodeAs(decoder, bytes);
  } catch {
    warn(logger, 'NON_UTF8_TEXT', file, `the bytes are not valid ${decoder.encoding}, as declared; guessing instead`);
    return null;
  }
}

/** Decodes with `decoder`, mending Node's windows-1252 (see below). */
function decodeAs(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  // Node 20.18.3+ / 22.13+ decode windows-1252 as Latin-1, so 0x80–0x9f come out
  // as C1 controls (nodejs/node#56542, #60888): map them to what the bytes mean.
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

function utf16Label(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Why the bytes look binary, or null when they look like text. */
function binaryReason(bytes: Uint8Array, maxControlByteRatio: number): string | null {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return 'contains NUL bytes';
    // Tab, LF, VT, FF and CR are text; other C0 controls and DEL are not.
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f) control += 1;
  }
  const ratio = control / bytes.length;
  if (ratio > maxControlByteRatio) {
    return `${(ratio * 100).toFixed(1)}% control bytes (limit ${maxControlByteRatio * 100}%)`;
  }
  return null;
}

function decodeLegacy(bytes: Uint8Array, file: string, logger: Logger): string {
  const best = analyse(bytes)[0];
  const detected = best?.name ?? LEGACY_FALLBACK;
  const confidence = best ? ` (chardet ${best.name}, confidence ${best.confidence}%)` : '';
  if (/^(utf-8|ascii)$/i.test(detected)) {
    // Mostly UTF-8 with a few broken bytes: re-decoding in a legacy encoding
    // would garble every other non-ASCII letter, so replace only the broken ones.
    const text = new TextDecoder('utf-8').decode(bytes);
    const replaced = text.split('\uFFFD').length - 1;
    warn(logger, 'NON_UTF8_TEXT', file, `invalid UTF-8: ${replaced} bytes replaced by U+FFFD${confidence}`);
    return text;
  }
  let decoder: TextDecoder;
  let note = '';
  try {
    decoder = new TextDecoder(detected);
  } catch {
    decoder = new TextDecoder(LEGACY_FALLBACK);
    note = `; ${detected} is not supported by TextDecoder`;
  }
  // TextDecoder reports the WHATWG name, e.g. ISO-8859-1 decodes as windows-1252.
  warn(logger, 'NON_UTF8_TEXT', file, `decoded as ${decoder.encoding}${confidence}${note}`);
  return decodeAs(decoder, bytes);
}

/** 0-based indexes of Markdown ATX headings (`# …` to `###### …`), outside fenced code. */
export function markdownHeadingLines(lines: readonly string[]): number[] {
  const headings: number[] = [];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0];
      else if (marker[0] === fence) fence = null;
    } else if (fence === null && /^#{1,6}(\s|$)/.test(line)) {
      headings.push(i);
    }
  });
  return headings;
}

function loadLines(input: LoaderInput): string[] | null {
  const text = decodeBytes(input.bytes, input.file, input.logger, input.options.maxControlByteRatio);
  return text === null ? null : splitSourceLines(text);
}

/** `.txt`: the file's own lines, no headings known. */
export async function loadPlainText(input: LoaderInput): Promise<LoaderOutput | null> {
  const lines = loadLines(input);
  if (lines === null) return null;
  return { kind: 'text', lines, pages: null, linesAreSource: true, headingLines: [] };
}

/** `.md`: the file's own lines; `#` heading lines are recorded in `headingLines`. */
export async function loadMarkdown(input: LoaderInput): Promise<LoaderOutput | null> {
  const lines = loadLines(input);
  if (lines === null) return null;
  return {
    kind: 'text',
    lines,
    pages: null,
    linesAreSource: true,
    headingLines: markdownHeadingLines(lines),
  };
}
