/**
 * The plain data that flows through casechat:
 * `LoadedDocument → Case[] → Chunk[] → Hit[] → Answer`.
 */

/** A source file as loaded from `corpus/`, split into lines (1-based in citations). */
export interface LoadedDocument {
  /** Path under `corpus/`, with forward slashes (e.g. `laes-stjael-fortael-2019.txt`). */
  file: string;
  /** Loader kind that produced it. */
  kind: 'text' | 'pdf' | 'html';
  /** The text lines. For txt/md these are the file's own lines; for pdf/html the extracted lines. */
  lines: string[];
  /** For PDF: page number (1-based) of each line; otherwise null. Same length as `lines` when present. */
  pages: number[] | null;
  /**
   * Whether `lines` are the file's own lines (txt/md), so that line numbers in citations
   * refer to the stored file; false for PDF/HTML, where citations use pages/headings.
   */
  linesAreSource: boolean;
  /** Lines (0-based indexes) that the loader knows to be headings (HTML h1–h6, larger or bold PDF text). */
  headingLines: number[];
  /** The title the file declares about itself (PDF metadata), when it has one. */
  title?: string;
  /** The level (1–6) of each of `headingLines`, when the loader knows it (HTML). */
  headingLevels?: number[];
  /** sha256 of the file's bytes. */
  hash: string;
}

/** A person to contact about a case. */
export interface Contact {
  name: string;
  role: string | null;
  org: string | null;
  /** The first of `emails`, or null. */
  email: string | null;
  /** Every address of the person, in the order written. */
  emails: string[];
  /** Normalised, `+45 xx xx xx xx` for Danish numbers. */
  phone: string | null;
  /** The number as the text writes it ("+45 25136083"): answers quote it so, as they quote everything. */
  phoneAsWritten: string | null;
  /** True when an address was repaired from an extraction error (e.g. a missing `@`). */
  emailRepaired: boolean;
  /** The repaired address as written in the text. */
  emailAsWritten: string | null;
  /** 1-based line range in the source where this contact is written. */
  lineStart: number;
  lineEnd: number;
}

/** A section of a case: a heading and its line range. */
export interface Section {
  name: string;
  /** 1-based inclusive line range of the section body (heading line included). */
  lineStart: number;
  lineEnd: number;
}

/** A source location that citations point at. */
export interface SourceRef {
  file: string;
  page: number | null;
  lineStart: number | null;
  lineEnd: number | null;
}

/** One described initiative: the unit users ask about and cite. */
export interface Case {
  id: string;
  title: string;
  /** Document the case belongs to (path under corpus/). */
  file: string;
  /** Title of the document (first heading / publication title). */
  document: string;
  /** Layout the segmenter recognised. */
  layout: 'booklet-long' | 'booklet-short' | 'catalogue' | 'article' | 'page-example';
  /** Nominator first, then partners. */
  organisations: string[];
  nominator: string | null;
  targetGroup: string | null;
  year: string | null;
  sections: Section[];
  summary: string;
  contacts: Contact[];
  /** 1-based inclusive line range of the whole case. */
  lineStart: number;
  lineEnd: number;
  pageStart: number | null;
  pageEnd: number | null;
  /** Whether line numbers are the stored file's own (txt/md), not lines of extracted PDF/HTML text. */
  linesAreSource: boolean;
}

/** A retrievable passage of a case with its exact source location. */
export interface Chunk {
  /** Deterministic: hash of file + character offsets. */
  id: string;
  caseId: string;
  section: string;
  /** The original text as it stands in the source lines (joined with "\n"). */
  text: string;
  /** Text used for embedding and BM25: case title and section prefixed. */
  indexText: string;
  file: string;
  lineStart: number;
  lineEnd: number;
  page: number | null;
  /** Character offsets into the document text (lines joined with "\n"), end exclusive. */
  charStart: number;
  charEnd: number;
  /** True for the chunk holding a case's contact block. */
  isContact: boolean;
  /** Whether line numbers are the stored file's own (txt/md); for PDF and HTML they are lines of the extracted text. */
  linesAreSource: boolean;
}
