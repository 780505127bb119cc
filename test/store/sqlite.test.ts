import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { storeSuite } from './suite.js';

const root = mkdtempSync(join(tmpdir(), 'casechat-sqlite-'));
let n = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

// each test gets a database file of its own in a temporary folder
storeSuite('sqlite', async () => ({ dataDir: join(root, String(++n)), databaseUrl: undefined, retentionDays: 90, conversations: 'store' }));
