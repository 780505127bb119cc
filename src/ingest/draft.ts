import type { LoadedDocument, Section } from '../types.js';

/** A case as a layout finds it, before contacts, organisations and ids are worked out. */
export interface DraftCase {
  layout: 'booklet-long' | 'booklet-short' | 'catalogue' | 'article' | 'page-example';
  title: string;
  /** Where the title came from: the case's own header, the table of contents, or the text. */
  titleSource: 'header' | 'toc' | 'text';
  /** 0-based inclusive line range of the case. */
  start: number;
  end: number;
  /** Labelled fields of the header (INDSTILLER, MÅLGRUPPE, ÅRSTAL …), upper-case keys. */
  fields: Record<string, string>;
  /** Organisation printed in the case header (e.g. the capitals line of a short case). */
  headerOrg: string | null;
  sections: Section[];
  /** 0-based inclusive range of the contact block (header line excluded), if any. */
  contacts: { start: number; end: number } | null;
  /** Partner list text (a "Hvem >" or "Hvem har samarbejdet" section), if any. */
  partnersText: string | null;
  /** 0-based line of the first prose paragraph that describes the case. */
  summaryLine: number | null;
}

/** A stretch of a document's lines, 0-based and inclusive, that a layout looks for cases in. */
export interface Region {
  start: number;
  end: number;
}

/** The whole document as a region. */
export const wholeDocument = (doc: LoadedDocument): Region => ({ start: 0, end: doc.lines.length - 1 });

/** A layout: recognises its part of a document from its structure and finds the cases in it. */
export interface Layout {
  detect(doc: LoadedDocument, region: Region): boolean;
  segment(doc: LoadedDocument, region: Region): DraftCase[];
}
