/**
 * The plain data of the PDF loader's steps: pdf.js text items → visual lines
 * (in reading order, with their geometry) → blocks of paragraphs.
 * Coordinates are PDF points on the page, x to the right and y downwards.
 */

/** One run of text on a page, as pdf.js (or OCR) reports it. */
export interface TextItem {
  text: string;
  /** Left edge. */
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  /** The font is a bold (or black, heavy, semibold) face. */
  bold: boolean;
  /** The font is monospaced, so a space is as wide as any other character. */
  mono: boolean;
}

/** A page as read: its size and its text items, in the order the PDF draws them. */
export interface PdfPage {
  /** 1-based page number. */
  num: number;
  width: number;
  height: number;
  items: TextItem[];
  /** Number of images the page paints (a page with images and no text may be a scan). */
  images: number;
  /** True when the items were read from the page image by OCR, not from a text layer. */
  ocr: boolean;
}

/** A visual line: the items on one baseline within one column, in reading order. */
export interface Line {
  text: string;
  /** 1-based page number. */
  page: number;
  /** Left and right edge of the line's ink. */
  x: number;
  right: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** The font size most of the line's characters have. */
  size: number;
  /** Most of the line's characters are set in a bold face. */
  bold: boolean;
  /** Width of the line's first word, to tell whether it would have fitted on the line above. */
  firstWord: number;
  /** Width of a space in the line's font. */
  space: number;
  /** Left and right edge of the column (or full text width) the line is set in. */
  colLeft: number;
  colRight: number;
  /** Index of that column, left to right (-1 for a line across the columns), and the page's number of columns. */
  column: number;
  columns: number;
  pageWidth: number;
}

/** A paragraph-level unit of output: its text, and where it starts. */
export interface Paragraph {
  text: string;
  page: number;
}

/** What the segmenter sees as one blank-line-separated block. */
export interface Block {
  /** One entry per paragraph (or per line broken on purpose, e.g. in an address). */
  paragraphs: Paragraph[];
  /** Set in a larger size (or a bold face) than the body text: one heading line. */
  heading: boolean;
}
