/**
 * Words hyphenated at a line end: "innova-" + "tion" is joined only when the
 * document writes "innovation" elsewhere; a word it writes with its hyphen
 * ("e-mail"), or does not know at all, keeps the hyphen; a hyphen standing for
 * a left-out word part ("sundheds- og socialområdet") keeps its space too.
 */

/** The words of a document: each word and hyphenated word as written, lower-cased. */
export type Vocabulary = ReadonlySet<string>;

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Every word of `texts`, lower-cased; a hyphenated word counts whole ("e-mail"), not as its parts. */
export function vocabulary(texts: Iterable<string>): Vocabulary {
  const words = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(WORD)) words.add(m[0].toLowerCase());
  return words;
}

/** A word part ending in a hyphen: hyphen-minus, Unicode hyphen, or a soft hyphen (a hyphenation point). */
const LINE_END_HYPHEN = /([\p{L}\p{N}]+)([-\u2010\u00ad])$/u;

/**
 * `left` and `right` joined as one paragraph's text, for two visual lines of a
 * paragraph. A space between them, except after a line-end hyphen: then the
 * broken word is joined when `known` has it whole and not with its hyphen (or
 * the hyphen is a soft one); otherwise the hyphen stays, with a space only
 * before one of `spacedAfter` (the words after a suspended hyphen, "og", "eller").
 */
export function joinLines(left: string, right: string, known: Vocabulary, spacedAfter: readonly string[]): string {
  const head = LINE_END_HYPHEN.exec(left);
  if (!head) return `${left} ${right}`;
  const [, part, hyphen] = head;
  const stem = left.slice(0, -1);
  if (hyphen === '\u00ad') return `${stem}${right}`;
  const tail = /^[\p{L}\p{N}]+/u.exec(right)?.[0];
  if (tail === undefined) return `${left}${right}`;
  if (spacedAfter.includes(tail.toLowerCase())) return `${left} ${right}`;
  const whole = `${part}${tail}`.toLowerCase();
  const hyphenated = `${part}-${tail}`.toLowerCase();
  if (known.has(whole) && !known.has(hyphenated)) return `${stem}${right}`;
  return `${left}${right}`;
}
