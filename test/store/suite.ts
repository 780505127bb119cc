/**
 * The store's behaviour, one suite for both databases: `sqlite.test.ts` runs it on a temporary file,
 * `postgres.test.ts` on a throw-away PostgreSQL cluster.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CasechatError } from '../../src/errors.js';
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openDriver, openStore, type StoreSettings } from '../../src/store/open.js';
import type { StoreOptions } from '../../src/store/store.js';
import type { QuestionRecord, StoreFailure, StoreKind } from '../../src/store/types.js';

/** A clock the test moves by hand (ms since the epoch). */
export function manualClock(start = Date.parse('2025-03-01T12:00:00Z')) {
  let t = start;
  return { now: () => t, set: (ms: number) => void (t = ms), add: (ms: number) => void (t += ms) };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A logged question of a conversation, asked at `askedAt`. */
export function question(
  conversationId: string,
  askedAt: number,
  text = 'Hvordan hjælper man hjemløse unge?',
  extra: Partial<QuestionRecord> = {},
): QuestionRecord {
  return {
    answerId: randomUUID(),
    conversationId,
    askedAt,
    question: text,
    answer: 'Jeg fandt 3 cases, der handler om det: **Hjem til Alle** [1]',
    language: 'da',
    answerType: 'topic',
    followUp: false,
    caseIds: ['hjem-til-alle', 'laesehestene'],
    declined: false,
    latencyMs: 4.25,
    ...extra,
  };
}

/** Where a fresh, empty database is: settings for `openStore`. */
export type FreshDatabase = () => Promise<StoreSettings>;

/** Runs the store suite against the database `fresh` makes. */
export function storeSuite(kind: StoreKind, fresh: FreshDatabase): void {
  async function open(options: Partial<StoreOptions> = {}, settings?: StoreSettings) {
    const clock = manualClock();
    const failures: StoreFailure[] = [];
    const where = settings ?? (await fresh());
    const store = await openStore(where, { now: clock.now, sweepEveryMs: 0, onFailure: (f) => failures.push(f), ...options });
    return { store, clock, failures, where };
  }

  describe(`the ${kind} store: schema`, () => {
    it('migrates an empty database to the current version once, and records it', async () => {
      const where = await fresh();
      const db = openDriver(where);
      try {
        expect(await migrate(db)).toEqual([1]);
        expect(await migrate(db)).toEqual([]);
        const rows = await db.all('SELECT version, name FROM schema_migrations');
        expect(rows.map((r) => ({ version: Number(r.version), name: r.name }))).toEqual([{ version: 1, name: 'conversations, question log, feedback' }]);
        expect(SCHEMA_VERSION).toBe(1);
      } finally {
        await db.close();
      }
    });

    it('refuses a database written by a newer casechat, and leaves it as it was', async () => {
      const where = await fresh();
      const db = openDriver(where);
      await migrate(db);
      await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [2, 'from the future', 0]);
      await db.close();
      const error = await openStore(where).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CasechatError);
      expect((error as CasechatError).code).toBe('STORE_SCHEMA_VERSION');
      const again = openDriver(where);
      expect((await again.all('SELECT version FROM schema_migrations ORDER BY version')).map((r) => Number(r.version))).toEqual([1, 2]);
      await again.close();
    });
  });

  describe(`the ${kind} store: conversations`, () => {
    it('starts a conversation with a fresh UUID and no state when no id is given', async () => {
      const { store } = await open();
      const c = await store.conversations.resolve(undefined);
      expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(c).toEqual({ id: c.id, state: null, replaced: false });
      await store.close();
    });

    it('gives back the saved state for the id, in any letter case', async () => {
      const { store } = await open();
      const { id } = await store.conversations.resolve(undefined);
      const state = { turns: [{ question: 'Hvem kan jeg kontakte om Læsehestene? «ÆØÅ» \u{1F600}', caseIds: ['laesehestene'], n: 1.5, none: null }] };
      await store.conversations.save(id, state);
      expect(await store.conversations.resolve(id)).toEqual({ id, state, replaced: false });
      expect(await store.conversations.resolve(id.toUpperCase())).toEqual({ id, state, replaced: false });
      await store.close();
    });

    it('replaces an unknown or malformed id with a new conversation, without an error', async () => {
      const { store, failures } = await open();
      for (const given of [randomUUID(), 'unknown-conversation', "x' OR '1'='1", '']) {
        const c = await store.conversations.resolve(given);
        expect(c.replaced).toBe(true);
        expect(c.state).toBeNull();
        expect(c.id).not.toBe(given);
      }
      expect(failures).toEqual([]);
      await store.close();
    });

    it('keeps a conversation idle for exactly the TTL and forgets it one millisecond later', async () => {
      const { store, clock } = await open({ conversationTtlMs: 30 * MINUTE });
      const { id } = await store.conversations.resolve(undefined);
      const saved = clock.now();
      await store.conversations.save(id, { turns: [1] });
      clock.set(saved + 30 * MINUTE);
      expect((await store.conversations.resolve(id)).replaced).toBe(false);
      clock.set(saved + 30 * MINUTE + 1);
      const gone = await store.conversations.resolve(id);
      expect(gone.replaced).toBe(true);
      expect(gone.id).not.toBe(id);
      await store.close();
    });

    it('pushes the expiry forward with every save', async () => {
      const { store, clock } = await open({ conversationTtlMs: 30 * MINUTE });
      const { id } = await store.conversations.resolve(undefined);
      await store.conversations.save(id, { turns: [1] });
      clock.add(20 * MINUTE);
      await store.conversations.save(id, { turns: [1, 2] });
      clock.add(20 * MINUTE);
      expect(await store.conversations.resolve(id)).toEqual({ id, state: { turns: [1, 2] }, replaced: false });
      await store.close();
    });

    it('shares conversations between two stores on one database, as replicas do', async () => {
      const a = await open();
      const b = await open({}, a.where);
      b.clock.set(a.clock.now());
      const { id } = await a.store.conversations.resolve(undefined);
      await a.store.conversations.save(id, { turns: ['from a'] });
      expect(await b.store.conversations.resolve(id)).toEqual({ id, state: { turns: ['from a'] }, replaced: false });
      await Promise.all([a.store.close(), b.store.close()]);
    });
  });

  describe(`the ${kind} store: question log and feedback`, () => {
    it('logs a question and reads it back field for field, without feedback', async () => {
      const { store, clock } = await open();
      const q = question(randomUUID(), clock.now(), 'How can we help homeless young people?', {
        language: 'en',
        answerType: 'contact',
        followUp: true,
        declined: true,
        caseIds: [],
      });
      store.questions.record(q);
      expect(await store.questions.between(clock.now(), clock.now() + 1)).toEqual([{ ...q, rating: null, comment: null }]);
      await store.close();
    });

    it('reads the questions of [from, to) in the order they were asked', async () => {
      const { store, clock } = await open();
      const conv = randomUUID();
      const t = clock.now();
      const qs = [question(conv, t + 2, 'c'), question(conv, t, 'a'), question(conv, t + 1, 'b'), question(conv, t + 3, 'd')];
      for (const q of qs) store.questions.record(q);
      expect((await store.questions.between(t, t + 3)).map((q) => q.question)).toEqual(['a', 'b', 'c']);
      await store.close();
    });

    it('stores a rating, replaces it with a second one, and says no to an unknown answer', async () => {
      const { store, clock } = await open();
      const q = question(randomUUID(), clock.now());
      store.questions.record(q);
      // the rating may come before the batch is written: it is written first
      expect(await store.feedback.rate({ answerId: q.answerId, rating: 'up', comment: null, at: clock.now() })).toBe(true);
      expect(
        await store.feedback.rate({ answerId: q.answerId.toUpperCase(), rating: 'down', comment: "Robert'); DROP TABLE feedback;--", at: clock.now() + 5 }),
      ).toBe(true);
      expect(await store.feedback.rate({ answerId: randomUUID(), rating: 'down', comment: null, at: clock.now() })).toBe(false);
      expect(await store.feedback.rate({ answerId: 'not-a-uuid', rating: 'down', comment: null, at: clock.now() })).toBe(false);
      const [row] = await store.questions.between(clock.now(), clock.now() + 1);
      expect([row.rating, row.comment]).toEqual(['down', "Robert'); DROP TABLE feedback;--"]);
      await store.close();
    });

    it('takes 50 ratings at once, each of them stored', async () => {
      const { store, clock } = await open();
      const qs = Array.from({ length: 50 }, (_, i) => question(randomUUID(), clock.now() + i));
      for (const q of qs) store.questions.record(q);
      const results = await Promise.all(
        qs.map((q, i) => store.feedback.rate({ answerId: q.answerId, rating: i % 2 ? 'up' : 'down', comment: `nr ${i}`, at: clock.now() })),
      );
      expect(results.every(Boolean)).toBe(true);
      const rows = await store.questions.between(clock.now(), clock.now() + 50);
      expect(rows.map((r) => r.comment)).toEqual(qs.map((_, i) => `nr ${i}`));
      await store.close();
    });

    it('forgets a conversation with its questions and their feedback, and nothing else', async () => {
      const { store, clock } = await open();
      const gone = (await store.conversations.resolve(undefined)).id;
      const kept = (await store.conversations.resolve(undefined)).id;
      await store.conversations.save(gone, { turns: ['my cpr number is …'] });
      await store.conversations.save(kept, { turns: ['other'] });
      const [g1, g2, k1] = [question(gone, clock.now()), question(gone, clock.now() + 1), question(kept, clock.now() + 2)];
      for (const q of [g1, g2, k1]) store.questions.record(q);
      await store.feedback.rate({ answerId: g1.answerId, rating: 'down', comment: 'wrong', at: clock.now() });
      await store.feedback.rate({ answerId: k1.answerId, rating: 'up', comment: null, at: clock.now() });

      expect(await store.forget(gone.toUpperCase())).toEqual({ conversation: true, questions: 2, feedback: 1 });
      expect(await store.forget(gone)).toEqual({ conversation: false, questions: 0, feedback: 0 });
      expect((await store.conversations.resolve(gone)).replaced).toBe(true);
      expect((await store.conversations.resolve(kept)).state).toEqual({ turns: ['other'] });
      const left = await store.questions.between(clock.now(), clock.now() + 3);
      expect(left.map((r) => [r.answerId, r.rating])).toEqual([[k1.answerId, 'up']]);
      await store.close();
    });

    it('forgets a question still waiting to be written', async () => {
      const { store, clock } = await open();
      const conv = randomUUID();
      store.questions.record(question(conv, clock.now()));
      expect(await store.forget(conv)).toEqual({ conversation: false, questions: 0, feedback: 0 });
      await store.questions.flush();
      expect(await store.questions.between(clock.now(), clock.now() + 1)).toEqual([]);
      await store.close();
    });
  });

  describe(`the ${kind} store: retention`, () => {
    it('removes questions older than RETENTION_DAYS with their feedback, and expired conversations, in the sweep', async () => {
      const { store, clock } = await open({ retentionDays: 90, conversationTtlMs: 30 * MINUTE });
      const start = clock.now();
      const conv = (await store.conversations.resolve(undefined)).id;
      await store.conversations.save(conv, { turns: [] });
      const old = question(conv, start);
      const young = question(conv, start + 10 * DAY);
      store.questions.record(old);
      store.questions.record(young);
      await store.feedback.rate({ answerId: old.answerId, rating: 'down', comment: 'old', at: start });
      await store.feedback.rate({ answerId: young.answerId, rating: 'up', comment: null, at: start });

      clock.set(start + 90 * DAY);
      expect(await store.sweep()).toEqual({ conversations: 1, questions: 0, feedback: 0 });
      clock.set(start + 90 * DAY + 1);
      expect(await store.sweep()).toEqual({ conversations: 0, questions: 1, feedback: 1 });
      const left = await store.questions.between(0, start + 100 * DAY);
      expect(left.map((r) => [r.answerId, r.rating])).toEqual([[young.answerId, 'up']]);
      // the rating of a removed answer cannot come back
      expect(await store.feedback.rate({ answerId: old.answerId, rating: 'up', comment: null, at: clock.now() })).toBe(false);
      await store.close();
    });
  });

  describe(`the ${kind} store: failures`, () => {
    it('answers with a new conversation, keeps going and reports when the database is gone', async () => {
      const { store, clock, failures } = await open();
      const { id } = await store.conversations.resolve(undefined);
      await store.conversations.save(id, { turns: [1] });
      await store.close();

      const lost = await store.conversations.resolve(id);
      expect([lost.id === id, lost.state, lost.replaced]).toEqual([false, null, true]);
      expect((await store.conversations.resolve(undefined)).replaced).toBe(false);
      await expect(store.conversations.save(id, { turns: [2] })).resolves.toBeUndefined();
      store.questions.record(question(id, clock.now()));
      await store.questions.flush();
      const rate = await store.feedback.rate({ answerId: randomUUID(), rating: 'up', comment: null, at: clock.now() }).catch((e: unknown) => e);
      expect((rate as CasechatError).code).toBe('STORE_UNAVAILABLE');

      // the question log tries again at each flush; every attempt is reported
      expect([...new Set(failures.map((f) => `${f.part} ${f.op}`))]).toEqual([
        'conversations resolve',
        'conversations save',
        'questions write',
        'feedback rate',
      ]);
    });
  });
}
