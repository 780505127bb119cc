import { CasechatError } from '../errors.js';
import { COLUMN_TYPES, type ColumnTypes, type SqlDriver } from './sql.js';

/** One step of the schema: applied once, in order, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** The statements, written for both databases with the column types of one. */
  up(t: ColumnTypes): string[];
}

/**
 * The schema's history. Never edit a migration that has shipped: add the next one. Times are
 * milliseconds since the epoch (UTC) in both databases; case ids are a JSON array as text.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, question log, feedback',
    up: (t) => [
      `CREATE TABLE conversations (
        id ${t.uuid} PRIMARY KEY,
        state TEXT NOT NULL,
        created_at ${t.ms} NOT NULL,
        updated_at ${t.ms} NOT NULL,
        expires_at ${t.ms} NOT NULL
      )`,
      'CREATE INDEX conversations_expires_at ON conversations (expires_at)',
      `CREATE TABLE questions (
        id ${t.uuid} PRIMARY KEY,
        conversation_id ${t.uuid} NOT NULL,
        asked_at ${t.ms} NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('da', 'en')),
        answer_type TEXT NOT NULL,
        follow_up ${t.bool} NOT NULL,
        case_ids TEXT NOT NULL,
        declined ${t.bool} NOT NULL,
        latency_ms ${t.real} NOT NULL
      )`,
      'CREATE INDEX questions_asked_at ON questions (asked_at)',
      'CREATE INDEX questions_conversation_id ON questions (conversation_id)',
      `CREATE TABLE feedback (
        answer_id ${t.uuid} PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        comment TEXT,
        created_at ${t.ms} NOT NULL,
        updated_at ${t.ms} NOT NULL
      )`,
    ],
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Any number: the advisory lock that keeps two PostgreSQL replicas from migrating at once. */
const MIGRATION_LOCK = 4_242_011;

/**
 * Brings the database to `SCHEMA_VERSION` in one transaction: the migrations not yet recorded in
 * `schema_migrations` are applied in order. A database written by a newer casechat is refused.
 * Resolves to the versions applied now.
 */
export async function migrate(db: SqlDriver, now: number = Date.now()): Promise<number[]> {
  const t = COLUMN_TYPES[db.dialect];
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${t.ms} NOT NULL)`);
    const done = new Set((await tx.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) {
      throw new CasechatError('STORE_SCHEMA_VERSION', 'store', `the database has schema version ${newest}; this casechat knows up to ${SCHEMA_VERSION}`);
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.up(t)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now]);
      applied.push(m.version);
    }
    return applied;
  });
}
