import { join } from 'node:path';
import type { Config } from '../config.js';
import { CasechatError } from '../errors.js';
import { memoryConversations } from './memory.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import { errorText, type SqlDriver } from './sql.js';
import { openSqlite } from './sqlite.js';
import { createStore, defaultStoreOptions, type StoreOptions } from './store.js';
import type { Store, StoreKind } from './types.js';

/** The settings a store is opened from (a part of `Config`). */
export type StoreSettings = Pick<Config, 'dataDir' | 'databaseUrl' | 'retentionDays' | 'conversations'>;

/** The name of the SQLite file in DATA_DIR. */
export const SQLITE_FILE = 'casechat.db';

/** How each database is opened. */
const DRIVERS: Record<StoreKind, (s: StoreSettings, o: Partial<StoreOptions>) => SqlDriver> = {
  sqlite: (s) => openSqlite(join(s.dataDir, SQLITE_FILE)),
  postgres: (s, o) => openPostgres(s.databaseUrl!, { onIdleError: (e) => o.onFailure?.({ part: 'database', op: 'idle connection', error: e.message }) }),
};

/** The database the settings name: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export function openDriver(settings: StoreSettings, options: Partial<StoreOptions> = {}): SqlDriver {
  const kind: StoreKind = settings.databaseUrl ? 'postgres' : 'sqlite';
  return DRIVERS[kind](settings, options);
}

/**
 * Opens the store the settings name: PostgreSQL when `databaseUrl` is set, else SQLite in
 * `dataDir/casechat.db` (the folder is created); brings its schema up to date; keeps conversations
 * in memory when `conversations` is `memory`. A database that cannot be reached or migrated is an
 * error here, at start-up (`STORE_UNAVAILABLE`, `STORE_SCHEMA_VERSION`).
 */
export async function openStore(settings: StoreSettings, options: Partial<StoreOptions> = {}): Promise<Store> {
  const db = openDriver(settings, options);
  const kind = db.dialect;
  try {
    await migrate(db, (options.now ?? Date.now)());
  } catch (e) {
    await db.close().catch(() => undefined);
    if (e instanceof CasechatError) throw e;
    throw new CasechatError('STORE_UNAVAILABLE', 'store', `the ${kind} database could not be prepared: ${errorText(e)}`);
  }
  const memory = { ttlMs: options.conversationTtlMs ?? defaultStoreOptions.conversationTtlMs, now: options.now ?? defaultStoreOptions.now };
  const conversations = settings.conversations === 'memory' ? memoryConversations(memory) : undefined;
  return createStore(db, { ...options, retentionDays: settings.retentionDays }, conversations);
}
