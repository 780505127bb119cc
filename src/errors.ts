/**
 * Every error and warning casechat raises has a stable code from this table,
 * names the component and the bad value, and is asserted by code in tests.
 */
export const ERROR_CODES = {
  // ingest: files
  UNSUPPORTED_FILE_TYPE: 'The file type is not supported',
  EMPTY_DOCUMENT: 'The document has no text',
  BINARY_FILE: 'The file looks binary, not text',
  NON_UTF8_TEXT: 'The text file is not UTF-8',
  UNREADABLE_FILE: 'The file could not be read',
  PDF_UNREADABLE: 'The PDF could not be parsed',
  PDF_EMPTY_PAGE: 'A PDF page has no text',
  PDF_ENCRYPTED: 'The PDF needs a password',
  PDF_OCR_UNAVAILABLE: 'A scanned PDF page was not read: OCR is not installed',
  PDF_OCR_FAILED: 'OCR of a scanned PDF page failed',
  NO_CASES_FOUND: 'No case was found in the document',
  CASE_TITLE_RECOVERED: 'A case title was recovered from the table of contents',
  EMAIL_REPAIRED: 'An email address was repaired',
  FILE_TOO_LARGE: 'The file is larger than MAX_FILE_MB',
  DUPLICATE_CASE_ID: 'Two cases have the same id; the later one gets a suffix',
  INDEX_SHRINK_REFUSED: 'The new index would lose too many cases; it was not published',
  // index
  INDEX_MISSING: 'No index has been built',
  INDEX_MANIFEST_MISMATCH: 'The index was built with other settings',
  INDEX_FORMAT_VERSION: 'The index format version is not supported',
  INDEX_CORRUPT: 'The index files are damaged',
  INGEST_RUNNING: 'Another ingest is building this index',
  INGEST_FAILED: 'The ingest failed',
  REINDEX_FAILED: 'The re-index failed; the previous index is still served',
  REINDEX_RUNNING: 'A re-index is already running',
  ADMIN_DISABLED: 'The admin API is off (no ADMIN_TOKEN)',
  UNAUTHORIZED: 'Missing or wrong admin token',
  // store
  STORE_UNAVAILABLE: 'The store (database) could not be reached or written',
  STORE_SCHEMA_VERSION: 'The database was written by a newer casechat',
  // model
  MODEL_NOT_FOUND: 'The embedding model folder is missing',
  MODEL_DOWNLOAD_FAILED: 'The model could not be downloaded',
  // config / cli
  INVALID_CONFIG: 'The configuration is invalid',
  INVALID_ARGUMENT: 'A command-line argument is invalid',
  // http
  BAD_REQUEST: 'The request is invalid',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'The path does not answer this method',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON',
  ORIGIN_NOT_ALLOWED: 'This origin may not call the API',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error with a stable code, the component that raised it and a clear message. */
export class CasechatError extends Error {
  readonly code: ErrorCode;
  readonly component: string;
  constructor(code: ErrorCode, component: string, detail: string) {
    super(`${component}: ${ERROR_CODES[code]}: ${detail}`);
    this.name = 'CasechatError';
    this.code = code;
    this.component = component;
  }
}
