/**
 * What of a web page is content: site furniture (menus, headers, footers, breadcrumbs, skip links,
 * cookie banners, figure captions) is removed whether the page marks it with semantic elements or
 * only with class and id names; contact boxes (a name with an email or phone, often in an
 * `<aside>`) are set aside before the main content is found, so they are kept; the main content
 * is what Readability (Firefox's reader view) finds.
 */
import { Readability } from '@mozilla/readability';
import { hasContactDetail } from '../blocks.js';
import { looksLikeName } from '../contacts.js';
import { blocksOf, type Block } from './html-lines.js';

/** How the loader recognises furniture; see `DEFAULT_LOAD_OPTIONS` in `load.ts` for the defaults. */
export interface HtmlFurniture {
  /** CSS selectors of elements that are never content (navigation, forms, scripts, dialogs). */
  selectors: readonly string[];
  /** Words of class or id names that mark furniture ("cookie", "breadcrumb", "menu", "header", "footer"). */
  words: readonly string[];
  /** Words of class or id names that mark a figure caption. */
  captionWords: readonly string[];
  /** Words of class or id names that mark a contact box. */
  contactWords: readonly string[];
  /** Lines dropped as boilerplate (skip links, cookie texts, breadcrumbs, captions); tested against the trimmed line. */
  boilerplate: readonly RegExp[];
}

/** Longest text (characters) of an element still taken as a contact box rather than a section. */
const MAX_BOX_CHARS = 800;

/** Private-use marks of the place a contact box had in the page: `\uE001<n>\uE001`. */
const BOX_MARK = '\uE001';

/** The words of an element's class and id: "site-header mainNav" → site, header, main, nav. */
function nameWords(element: Element): string[] {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9æøå]+/)
    .filter(Boolean);
}

function hidden(element: Element): boolean {
  const style = (element.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true' || /display:none|visibility:hidden/.test(style);
}

/** The page's own headline: the first h1 of the main content, else the first h1 of the page ('' when none). */
export function pageHeadline(document: Document): string {
  const h1 = document.querySelector('main h1, [role=main] h1, article h1') ?? document.querySelector('h1');
  return (h1?.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

const CONTENT = 'h1, main, article, [role=main]';

const textLength = (node: Node | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').length;

/**
 * Removes the furniture of a page in place (before its main content is looked for). An element
 * that is furniture by selector or name is kept when it holds the page's headline or main content
 * (a wrapper `<div class="menu-closed">`, an ASP.NET `<form>` around the page), or, on a page that
 * marks neither, half of the page's text.
 */
export function removeFurniture(document: Document, furniture: HtmlFurniture): void {
  const marked = document.querySelector(CONTENT) !== null;
  const half = textLength(document.body) / 2;
  const wraps = (element: Element) => element.querySelector(CONTENT) !== null || (!marked && textLength(element) >= half);
  // an ASP.NET page is one <form> around everything: a selector never removes what holds the content
  for (const element of [...document.querySelectorAll(furniture.selectors.join(','))]) if (element.isConnected && !wraps(element)) element.remove();
  for (const element of [...document.querySelectorAll('body *')]) {
    if (!element.isConnected) continue;
    // the tag counts as a name: <header> and <footer> are furniture like <div class="site-footer">
    const named = [element.localName.toLowerCase(), ...nameWords(element)];
    const furnitureName = [furniture.words, furniture.captionWords].some((words) => named.some((w) => words.includes(w)));
    if ((hidden(element) || furnitureName) && !wraps(element)) element.remove();
  }
}

/** A contact box taken out of the page, as blocks of lines. */
export interface ContactBox {
  mark: string;
  blocks: Block[];
}

function isContactBox(blocks: Block[]): boolean {
  const lines = blocks.flatMap((b) => b.lines);
  const chars = lines.join(' ').length;
  const nameLine = lines.some((l) => looksLikeName(l.replace(/^(kontakt(person)?|contact)\s*:\s*/i, '').split(/\s*,\s*/)[0]));
  return chars <= MAX_BOX_CHARS && lines.some(hasContactDetail) && nameLine;
}

/**
 * Takes the contact boxes out of the page: `<aside>`s, complementary regions and elements named as
 * contact boxes that hold a person's name and an email or phone. Each is replaced by a mark, so
 * its place is known when the mark survives in the main content.
 */
export function takeContactBoxes(document: Document, furniture: HtmlFurniture, dropLine: (line: string) => boolean): ContactBox[] {
  const boxes: ContactBox[] = [];
  for (const element of [...document.querySelectorAll('body *')]) {
    const candidate =
      element.localName === 'aside' || element.getAttribute('role') === 'complementary' || nameWords(element).some((w) => furniture.contactWords.includes(w));
    if (!candidate || !element.isConnected) continue;
    const blocks = blocksOf(element, dropLine);
    if (!isContactBox(blocks)) continue;
    const mark = `${BOX_MARK}${boxes.length}${BOX_MARK}`;
    const placeholder = document.createElement('p');
    placeholder.textContent = mark;
    element.replaceWith(placeholder);
    boxes.push({ mark, blocks });
  }
  return boxes;
}

/**
 * The main content of a cleaned page as Readability finds it, or the page's `<main>` (or body)
 * when Readability finds nothing.
 */
export function mainContent(document: Document): Node {
  const fallback = document.querySelector('main, [role=main]') ?? document.body;
  const copy = document.cloneNode(true) as Document;
  const article = new Readability<Node>(copy, { serializer: (node) => node, keepClasses: false }).parse();
  const content = article?.content;
  return content && (content.textContent ?? '').trim() !== '' ? content : fallback;
}
