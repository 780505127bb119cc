/**
 * HTML loader on html-to-text: the page's readable text as lines, headings
 * kept as written and recorded in `headingLines`, navigation, scripts, forms,
 * images, link targets and boilerplate lines (skip links, cookie banners) gone.
 */
import { convert, type FormatCallback, type HtmlToTextOptions } from 'html-to-text';
import { decodeBytes } from './text.js';
import { warn, type LoaderInput, type LoaderOutput } from './types.js';

/**
 * Private-use character put in front of every line a heading produces, then
 * followed by the heading level digit; stripped again when lines are read back.
 */
const HEADING_MARK = '\uE000';

const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/** Block formatter for h1–h6: no upper-casing (unlike html-to-text's own), lines marked. */
const markedHeading: FormatCallback = (elem, walk, builder, formatOptions) => {
  const level = (elem.name ?? 'h1').slice(1);
  builder.openBlock({ leadingLineBreaks: formatOptions.leadingLineBreaks ?? 2 });
  walk(elem.children, builder);
  builder.closeBlock({
    trailingLineBreaks: formatOptions.trailingLineBreaks ?? 2,
    blockTransform: (block) =>
      block
        .split('\n')
        .map((line) => `${HEADING_MARK}${level}${line}`)
        .join('\n'),
  });
};

function bodyOptions(skipSelectors: readonly string[]): HtmlToTextOptions {
  return {
    // One paragraph per line: wrapping would invent line breaks that are not in the page.
    wordwrap: false,
    formatters: { markedHeading },
    selectors: [
      ...HEADING_TAGS.map((tag) => ({
        selector: tag,
        format: 'markedHeading',
        options: { leadingLineBreaks: 2, trailingLineBreaks: 2 },
      })),
      { selector: 'p', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
      { selector: 'a', options: { ignoreHref: true, linkBrackets: false } },
      { selector: 'img', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: '- ' } },
      ...skipSelectors.map((selector) => ({ selector, format: 'skip' })),
    ],
  };
}

/** Only the `<title>` element, as plain text ('' when there is none). */
const TITLE_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  baseElements: { selectors: ['title'], returnDomByDefault: false },
};

interface MarkedLine {
  text: string;
  /** Heading level 1–6, or 0 for body text. */
  level: number;
}

/** Reads the heading marks back, drops boilerplate, and collapses runs of blank lines. */
function readLines(text: string, boilerplate: readonly RegExp[]): MarkedLine[] {
  const out: MarkedLine[] = [];
  for (const raw of text.split('\n')) {
    const at = raw.indexOf(HEADING_MARK);
    const level = at < 0 ? 0 : Number(raw[at + 1]);
    const line = (at < 0 ? raw : raw.slice(0, at) + raw.slice(at + 2)).trimEnd();
    const trimmed = line.trim();
    if (trimmed !== '' && boilerplate.some((pattern) => pattern.test(trimmed))) continue;
    if (trimmed === '' && (out.length === 0 || out[out.length - 1].text === '')) continue;
    out.push({ text: trimmed === '' ? '' : line, level: trimmed === '' ? 0 : level });
  }
  while (out.length > 0 && out[out.length - 1].text === '') out.pop();
  return out;
}

/**
 * `.html` / `.htm`: converted lines, paragraphs separated by one blank line.
 * When the page has no h1, its `<title>` becomes the first line (and a heading).
 */
export async function loadHtml(input: LoaderInput): Promise<LoaderOutput | null> {
  const { file, logger, options } = input;
  const html = decodeBytes(input.bytes, file, logger, options.maxControlByteRatio);
  if (html === null) return null;
  let marked: MarkedLine[];
  try {
    marked = readLines(convert(html, bodyOptions(options.htmlSkipSelectors)), options.htmlBoilerplate);
  } catch (error) {
    warn(logger, 'UNREADABLE_FILE', file, `HTML conversion failed: ${String(error)}`);
    return null;
  }
  if (!marked.some((line) => line.level === 1)) {
    const title = convert(html, TITLE_OPTIONS).replace(/\s+/g, ' ').trim();
    if (title !== '') {
      marked = [{ text: title, level: 1 }, ...(marked.length > 0 ? [{ text: '', level: 0 }] : []), ...marked];
    }
  }
  const headingLines: number[] = [];
  marked.forEach((line, i) => {
    if (line.level > 0) headingLines.push(i);
  });
  return {
    kind: 'html',
    lines: marked.map((line) => line.text),
    pages: null,
    linesAreSource: false,
    headingLines,
  };
}
