import { afterAll, beforeAll } from 'vitest';
import { startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster.js';
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
