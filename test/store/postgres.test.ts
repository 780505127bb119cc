import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster.js';
import { openPostgres } from '../../src/store/postgres.js';
import { storeSuite } from './suite.js';

// one throw-away cluster for this file; each test gets a database of its own in it
let cluster: PgCluster;
let n = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
});

afterAll(async () => {
  await cluster?.destroy();
});

storeSuite('postgres', async () => ({ dataDir: '', databaseUrl: await cluster.createDatabase(`suite_${++n}`), retentionDays: 90, conversations: 'store' }));

describe('the PostgreSQL driver', () => {
  it('fails a transaction whose connection is cut between two statements, and goes on with a new connection', async () => {
    const url = await cluster.createDatabase('cut');
    const db = openPostgres(url);
    const other = openPostgres(url);
    try {
      const tx = db.transaction(async (t) => {
        const [{ pid }] = await t.all('SELECT pg_backend_pid() AS pid');
        await other.all('SELECT pg_terminate_backend(?)', [Number(pid)]);
        // the connection ends while no statement of it runs: the client hears of it as an 'error' event
        await new Promise((r) => setTimeout(r, 300));
        await t.all('SELECT 1 AS one');
      });
      await expect(tx).rejects.toThrow('Client has encountered a connection error and is not queryable');
      expect(await db.all('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([db.close(), other.close()]);
    }
  });
});
