import { randomUUID } from 'node:crypto';
import { CasechatError } from '../errors.js';
import { createBatchWriter, type BatchOptions } from './batch.js';
import { errorText, UUID, type Row, type SqlDriver, type SqlRunner, type SqlValue } from './sql.js';
import type { ConversationPart, Language, LoggedQuestion, QuestionRecord, Rating, Store, StoreFailure, StorePart } from './types.js';

/** Options of a store. */
export interface StoreOptions {
  /** Idle time after which a conversation expires, ms. Default 30 minutes. */
  conversationTtlMs: number;
  /** Questions (with their feedback) older than this many days are removed by the sweep. Default 90. */
  retentionDays: number;
  /** The sweep runs at start and then every this many ms; 0: only when `sweep()` is called. Default 10 minutes. */
  sweepEveryMs: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now: () => number;
  /** Hears of every failed store operation (to log and count it). Default: nothing. */
  onFailure: (failure: StoreFailure) => void;
  /** Hears of question-log records dropped because too many waited for a database that failed. Default: nothing. */
  onDropped: (count: number) => void;
  /** How the question log is written in the background. Default `defaultBatchOptions`. */
  batch: Partial<BatchOptions>;
}

/** The defaults of `StoreOptions`: 30-minute conversations, 90 days of questions, a sweep every 10 minutes. */
export const defaultStoreOptions: StoreOptions = {
  conversationTtlMs: 30 * 60 * 1000,
  retentionDays: 90,
  sweepEveryMs: 10 * 60 * 1000,
  now: Date.now,
  onFailure: () => {},
  onDropped: () => {},
  batch: {},
};

const DAY_MS = 86_400_000;

const QUESTION_COLUMNS = 'id, conversation_id, asked_at, question, answer, language, answer_type, follow_up, case_ids, declined, latency_ms';
/** Rows per INSERT of the question log (11 parameters each). */
const ROWS_PER_INSERT = 50;

const questionValues = (q: QuestionRecord): SqlValue[] => [
  q.answerId,
  q.conversationId,
  q.askedAt,
  q.question,
  q.answer,
  q.language,
  q.answerType,
  q.followUp,
  JSON.stringify(q.caseIds),
  q.declined,
  q.latencyMs,
];

/** A question-log row as both databases return it (PostgreSQL gives BIGINT as text, SQLite booleans as 0/1). */
function loggedQuestion(r: Row): LoggedQuestion {
  return {
    answerId: String(r.id),
    conversationId: String(r.conversation_id),
    askedAt: Number(r.asked_at),
    question: String(r.question),
    answer: String(r.answer),
    language: String(r.language) as Language,
    answerType: String(r.answer_type),
    followUp: Boolean(r.follow_up),
    caseIds: JSON.parse(String(r.case_ids)) as string[],
    declined: Boolean(r.declined),
    latencyMs: Number(r.latency_ms),
    rating: r.rating === null || r.rating === undefined ? null : (String(r.rating) as Rating),
    comment: r.comment === null || r.comment === undefined ? null : String(r.comment),
  };
}

/** Conversations kept in the database, each row with its expiry. */
export function databaseConversations(
  db: SqlDriver,
  o: Pick<StoreOptions, 'conversationTtlMs' | 'now'>,
  report: (op: string, e: unknown) => void,
): ConversationPart {
  const fresh = (given: string | undefined) => ({ id: randomUUID(), state: null, replaced: given !== undefined });
  return {
    async resolve(given) {
      // an id that is no UUID was never handed out: a new conversation, without asking the database
      if (given === undefined || !UUID.test(given)) return fresh(given);
      const id = given.toLowerCase();
      try {
        const rows = await db.all('SELECT state FROM conversations WHERE id = ? AND expires_at >= ?', [id, o.now()]);
        return rows.length ? { id, state: JSON.parse(String(rows[0].state)) as unknown, replaced: false } : fresh(given);
      } catch (e) {
        report('resolve', e);
        return fresh(given);
      }
    },
    async save(id, state) {
      const now = o.now();
      try {
        await db.run(
          `INSERT INTO conversations (id, state, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
          [id, JSON.stringify(state), now, now, now + o.conversationTtlMs],
        );
      } catch (e) {
        report('save', e);
      }
    },
    remove: async (id) => UUID.test(id) && (await db.run('DELETE FROM conversations WHERE id = ?', [id.toLowerCase()])) > 0,
    sweep: () => db.run('DELETE FROM conversations WHERE expires_at < ?', [o.now()]),
  };
}

/** Deletes the questions `where` picks, their feedback first; resolves to [questions, feedback] removed. */
async function deleteQuestions(tx: SqlRunner, where: string, params: SqlValue[]): Promise<[number, number]> {
  const feedback = await tx.run(`DELETE FROM feedback WHERE answer_id IN (SELECT id FROM questions WHERE ${where})`, params);
  const questions = await tx.run(`DELETE FROM questions WHERE ${where}`, params);
  return [questions, feedback];
}

/**
 * The store over one database (see `SqlDriver`), with its conversations there or in `conversations`
 * (memory). The question log is written in the background in batches; feedback is written before it
 * is acknowledged. Failures of the conversations and the question log are reported, never thrown;
 * feedback, analytics and removals throw `STORE_UNAVAILABLE`.
 */
export function createStore(db: SqlDriver, options: Partial<StoreOptions> = {}, conversations?: ConversationPart): Store {
  const o = { ...defaultStoreOptions, ...options };
  const failed = (part: StorePart, op: string, e: unknown) => o.onFailure({ part, op, error: errorText(e) });
  /** Reports a failure and throws it as STORE_UNAVAILABLE. */
  const guarded = async <T>(part: StorePart, op: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof CasechatError) throw e;
      failed(part, op, e);
      throw new CasechatError('STORE_UNAVAILABLE', 'store', `${part} ${op} failed on ${db.dialect}: ${errorText(e)}`);
    }
  };
  const convs = conversations ?? databaseConversations(db, o, (op, e) => failed('conversations', op, e));

  const writer = createBatchWriter<QuestionRecord>(
    (rows) =>
      db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
          const part = rows.slice(i, i + ROWS_PER_INSERT);
          const values = part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
          await tx.run(`INSERT INTO questions (${QUESTION_COLUMNS}) VALUES ${values} ON CONFLICT (id) DO NOTHING`, part.flatMap(questionValues));
        }
      }),
    { onFailure: (e) => failed('questions', 'write', e), onDrop: o.onDropped },
    o.batch,
  );

  const sweep = () =>
    guarded('sweep', 'sweep', async () => {
      const conversations = await convs.sweep();
      const cutoff = o.now() - o.retentionDays * DAY_MS;
      const [questions, feedback] = await db.transaction((tx) => deleteQuestions(tx, 'asked_at < ?', [cutoff]));
      return { conversations, questions, feedback };
    });
  let sweeper: NodeJS.Timeout | null = null;
  if (o.sweepEveryMs > 0) {
    // failures are reported by `guarded`; the next sweep tries again
    const run = () => void sweep().catch(() => undefined);
    setImmediate(run);
    sweeper = setInterval(run, o.sweepEveryMs);
    sweeper.unref();
  }

  return {
    kind: db.dialect,
    conversations: convs,
    questions: {
      record: (q) => writer.push({ ...q, answerId: q.answerId.toLowerCase(), conversationId: q.conversationId.toLowerCase() }),
      flush: () => writer.flush(),
      between: (from, to) =>
        guarded('questions', 'read', async () => {
          await writer.flush();
          const rows = await db.all(
            `SELECT ${QUESTION_COLUMNS.split(', ')
              .map((c) => `q.${c}`)
              .join(', ')}, f.rating, f.comment
             FROM questions q LEFT JOIN feedback f ON f.answer_id = q.id
             WHERE q.asked_at >= ? AND q.asked_at < ? ORDER BY q.asked_at, q.id`,
            [from, to],
          );
          return rows.map(loggedQuestion);
        }),
    },
    feedback: {
      rate: (f) =>
        guarded('feedback', 'rate', async () => {
          if (!UUID.test(f.answerId)) return false;
          const id = f.answerId.toLowerCase();
          // an answer given a moment ago may still wait in the question log
          await writer.flush();
          return db.transaction(async (tx) => {
            if (!(await tx.all('SELECT 1 AS found FROM questions WHERE id = ?', [id])).length) return false;
            await tx.run(
              `INSERT INTO feedback (answer_id, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (answer_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at`,
              [id, f.rating, f.comment, f.at, f.at],
            );
            return true;
          });
        }),
    },
    forget: (given) =>
      guarded('questions', 'forget', async () => {
        if (!UUID.test(given)) return { conversation: false, questions: 0, feedback: 0 };
        const id = given.toLowerCase();
        const mine = (q: QuestionRecord) => q.conversationId === id;
        writer.discard(mine);
        // a batch being written may hold some: let it land, then delete
        await writer.flush();
        writer.discard(mine);
        const conversation = await convs.remove(id);
        const [questions, feedback] = await db.transaction((tx) => deleteQuestions(tx, 'conversation_id = ?', [id]));
        return { conversation, questions, feedback };
      }),
    sweep,
    async close() {
      if (sweeper) clearInterval(sweeper);
      await writer.close();
      await db.close();
    },
  };
}
