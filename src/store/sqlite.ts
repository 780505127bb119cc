import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CasechatError } from '../errors.js';
import { errorText, type SqlDriver, type SqlRunner, type SqlValue } from './sql.js';

/** Options of the SQLite driver. */
export interface SqliteOptions {
  /** How long a statement waits for another process's write lock, ms. Default 5000. */
  busyTimeoutMs: number;
}

/** The defaults of `SqliteOptions`: a 5 s busy timeout. */
export const defaultSqliteOptions: SqliteOptions = { busyTimeoutMs: 5000 };

/** SQLite binds no booleans: they are stored as 1 and 0. */
const bind = (params: readonly SqlValue[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/**
 * The SQLite driver (better-sqlite3), for one file. The file is opened in WAL mode with
 * `synchronous = NORMAL`: a commit is in the write-ahead log before it returns, so a killed process
 * loses nothing it acknowledged, and readers never wait for the writer. Calls run synchronously on
 * the event loop (a statement takes microseconds); a transaction holds back the other calls until it
 * ends, so nothing else joins it while it awaits.
 */
export function openSqlite(file: string, options: Partial<SqliteOptions> = {}): SqlDriver {
  const o = { ...defaultSqliteOptions, ...options };
  let db: Database.Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: o.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    throw new CasechatError('STORE_UNAVAILABLE', 'store', `the SQLite file ${file} could not be opened: ${errorText(e)}`);
  }
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const direct: SqlRunner = {
    all: async (sql, params = []) => prepare(sql).all(...bind(params)) as Record<string, unknown>[],
    run: async (sql, params = []) => prepare(sql).run(...bind(params)).changes,
  };

  let queue: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  /** Resolves once no transaction is open. */
  const idle = async () => {
    while (inTransaction) await queue;
  };

  return {
    dialect: 'sqlite',
    async all(sql, params) {
      if (inTransaction) await idle();
      return direct.all(sql, params);
    },
    async run(sql, params) {
      if (inTransaction) await idle();
      return direct.run(sql, params);
    },
    transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const step = async () => {
        inTransaction = true;
        try {
          db.exec('BEGIN IMMEDIATE');
          try {
            const value = await fn(direct);
            db.exec('COMMIT');
            return value;
          } catch (e) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw e;
          }
        } finally {
          inTransaction = false;
        }
      };
      const result = queue.then(step, step);
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      if (db.open) db.close();
    },
  };
}
