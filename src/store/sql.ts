import type { StoreKind } from './types.js';

/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | boolean | null;

/** A row as a driver returns it: column name to value (numbers may come back as strings from PostgreSQL). */
export type Row = Record<string, unknown>;

/** Runs statements written with `?` placeholders. */
export interface SqlRunner {
  /** The rows of a query. */
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * One database behind the store: SQLite or PostgreSQL. Statements are written once, with `?`
 * placeholders and SQL both databases read; the driver binds them its own way.
 */
export interface SqlDriver extends SqlRunner {
  readonly dialect: StoreKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Column types that differ between the databases; everything else is written the same. */
export interface ColumnTypes {
  uuid: string;
  bool: string;
  /** Milliseconds since the epoch. */
  ms: string;
  real: string;
}

/** The column types of each database: the same logical schema for both. */
export const COLUMN_TYPES: Record<StoreKind, ColumnTypes> = {
  sqlite: { uuid: 'TEXT', bool: 'INTEGER', ms: 'INTEGER', real: 'REAL' },
  postgres: { uuid: 'UUID', bool: 'BOOLEAN', ms: 'BIGINT', real: 'DOUBLE PRECISION' },
};

/** A UUID as `randomUUID()` writes it (any version), any case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The message of an error thrown by a driver. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
