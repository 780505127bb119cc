import pg from 'pg';
import type { SqlDriver, SqlRunner, SqlValue } from './sql.js';

/** Options of the PostgreSQL driver. */
export interface PostgresOptions {
  /** Connections in the pool. Default 10. */
  maxConnections: number;
  /** How long to wait for a connection, ms. Default 2000. */
  connectTimeoutMs: number;
  /** How long a query may take before it fails, ms. Default 5000. */
  queryTimeoutMs: number;
  /** Called when an idle connection of the pool breaks (the server restarted); the pool replaces it. */
  onIdleError: (error: Error) => void;
}

/** The defaults of `PostgresOptions`: 10 connections, 2 s to connect, 5 s per query, idle errors ignored. */
export const defaultPostgresOptions: PostgresOptions = { maxConnections: 10, connectTimeoutMs: 2000, queryTimeoutMs: 5000, onIdleError: () => {} };

const numbered = new Map<string, string>();

/** `?` placeholders as PostgreSQL's `$1, $2…` (the store's statements hold no `?` in literals). */
function toPg(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, out);
  }
  return out;
}

function runner(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    all: async (sql, params: readonly SqlValue[] = []) => (await client.query(toPg(sql), params as SqlValue[])).rows,
    run: async (sql, params: readonly SqlValue[] = []) => (await client.query(toPg(sql), params as SqlValue[])).rowCount ?? 0,
  };
}

/**
 * The PostgreSQL driver (`pg`) over a connection pool. A query that cannot get a connection or an
 * answer in time fails (the store reports it) rather than holding a question up. Transactions run on
 * one connection of the pool; a connection that failed is dropped, not reused.
 */
export function openPostgres(url: string, options: Partial<PostgresOptions> = {}): SqlDriver {
  const o = { ...defaultPostgresOptions, ...options };
  const pool = new pg.Pool({
    connectionString: url,
    max: o.maxConnections,
    connectionTimeoutMillis: o.connectTimeoutMs,
    query_timeout: o.queryTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'casechat',
  });
  // without a listener, a connection broken while idle would end the process
  pool.on('error', o.onIdleError);
  const direct = runner(pool);
  let ending: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    ...direct,
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      // a checked-out connection that breaks between two statements emits 'error': unheard, it would end the process
      const onError = (e: Error) => void (broken = e);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const value = await fn(runner(client));
        await client.query('COMMIT');
        return value;
      } catch (e) {
        broken = e instanceof Error ? e : new Error(String(e));
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close() {
      // pg refuses a second end(); closing twice is harmless here
      ending ??= pool.end();
      return ending;
    },
  };
}
