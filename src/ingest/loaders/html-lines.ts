/**
 * A DOM subtree as the lines the segmenter reads: one paragraph per block element, `<br>` as a
 * line break inside it, headings marked with their level, list items as "- " lines. A list is
 * written directly under its lead-in ("De 10 kommuner … er:") and its items under each other, so
 * the list and the line that introduces it are one paragraph; table rows likewise.
 */

/** One line of converted HTML; `level` is the heading level 1–6, or 0 for body text. */
export interface MarkedLine {
  text: string;
  level: number;
}

/** A paragraph-like unit: a heading, a paragraph, a list item or a table row. */
interface Block {
  kind: 'text' | 'heading' | 'item' | 'row';
  level: number;
  lines: string[];
}

/** Elements whose content is never text of the page. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'img',
  'picture',
  'svg',
  'iframe',
  'video',
  'audio',
  'canvas',
  'object',
  'embed',
  'input',
  'select',
  'textarea',
  'button',
  'figcaption',
  'map',
  'head',
  'title',
  'meta',
  'link',
]);

/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'main',
  'nav',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
]);

/** Spaces, tabs, newlines and no-break spaces collapse to one space; soft hyphens and zero-width characters go. */
function collapse(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

class BlockWriter {
  readonly blocks: Block[] = [];
  private parts: string[] = [];
  private lines: string[] = [];
  /** What a flushed paragraph is: body text, or an item of the list being walked. */
  private readonly modes: Array<Block['kind']> = ['text'];

  text(s: string): void {
    this.parts.push(s);
  }

  lineBreak(): void {
    const line = collapse(this.parts.join(''));
    if (line !== '') this.lines.push(line);
    this.parts = [];
  }

  /** Ends the current paragraph; `kind` defaults to the mode of the element being walked. */
  flush(kind: Block['kind'] = this.modes.at(-1)!, level = 0): void {
    this.lineBreak();
    if (this.lines.length) this.blocks.push({ kind, level, lines: this.lines });
    this.lines = [];
  }

  within(mode: Block['kind'], walk: () => void): void {
    this.modes.push(mode);
    walk();
    this.modes.pop();
  }
}

function walk(node: Node, out: BlockWriter, ordinal: { n: number } | null): void {
  if (node.nodeType === 3) {
    out.text(node.textContent ?? '');
    return;
  }
  if (node.nodeType !== 1) return;
  const element = node as Element;
  const tag = element.localName.toLowerCase();
  if (SKIPPED.has(tag)) return;
  const children = () => {
    for (const child of element.childNodes) walk(child, out, ordinal);
  };
  if (tag === 'br') {
    out.lineBreak();
    return;
  }
  if (/^h[1-6]$/.test(tag)) {
    out.flush();
    children();
    out.flush('heading', Number(tag[1]));
    return;
  }
  if (tag === 'ul' || tag === 'ol') {
    out.flush();
    const counter = tag === 'ol' ? { n: 0 } : null;
    element.childNodes.forEach((child) => {
      walk(child, out, counter);
    });
    out.flush();
    return;
  }
  if (tag === 'li') {
    out.flush();
    out.within('item', () => {
      out.text(ordinal ? `${++ordinal.n}. ` : '- ');
      children();
      out.flush();
    });
    return;
  }
  if (tag === 'tr') {
    out.flush();
    out.within('row', () => {
      element.childNodes.forEach((cell, k) => {
        if (k > 0 && cell.nodeType === 1) out.text(' | ');
        walk(cell, out, ordinal);
      });
      out.flush();
    });
    return;
  }
  if (tag === 'pre') {
    out.flush();
    for (const line of (element.textContent ?? '').split('\n')) {
      out.text(line);
      out.lineBreak();
    }
    out.flush();
    return;
  }
  if (BLOCKS.has(tag)) {
    out.flush();
    children();
    out.flush();
    return;
  }
  children();
}

/** Whether no blank line goes between two blocks: list items and table rows stay with each other and with their lead-in. */
function joined(previous: Block, next: Block): boolean {
  if (next.kind === 'item') return previous.kind === 'item' || (previous.kind === 'text' && /:\s*$/.test(previous.lines.at(-1)!));
  return next.kind === 'row' && previous.kind === 'row';
}

/**
 * The blocks of a DOM subtree, each a list of lines. `dropLine` removes boilerplate lines
 * (skip links, cookie texts, breadcrumbs) before blocks are laid out.
 */
export function blocksOf(root: Node, dropLine: (line: string) => boolean): Block[] {
  const out = new BlockWriter();
  walk(root, out, null);
  out.flush();
  return out.blocks.map((b) => ({ ...b, lines: b.lines.filter((l) => !dropLine(l)) })).filter((b) => b.lines.length > 0);
}

/** Lays blocks out as lines: one blank line between paragraphs, none inside a list or a table. */
export function layOut(blocks: Block[]): MarkedLine[] {
  const out: MarkedLine[] = [];
  blocks.forEach((b, k) => {
    if (k > 0 && !joined(blocks[k - 1], b)) out.push({ text: '', level: 0 });
    for (const text of b.lines) out.push({ text, level: b.kind === 'heading' ? b.level : 0 });
  });
  return out;
}

export type { Block };
