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

/** A layout: recognises its documents from their structure and finds their cases. */
export interface Layout {
  detect(doc: LoadedDocument): boolean;
  segment(doc: LoadedDocument): DraftCase[];
}
