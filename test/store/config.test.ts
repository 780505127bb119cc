import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { freePort } from '../../scripts/lib/server-process.js';
import { openStore } from '../../src/store/open.js';

describe('the store settings', () => {
  it('default to SQLite in data/, 90 days of questions and conversations in the store', () => {
    expect(loadConfig({}, '/srv/casechat')).toMatchObject({ dataDir: '/srv/casechat/data', databaseUrl: undefined, retentionDays: 90, conversations: 'store' });
  });

  it('read DATA_DIR, DATABASE_URL, RETENTION_DAYS and CONVERSATIONS', () => {
    const config = loadConfig({
      DATA_DIR: '/var/lib/casechat',
      DATABASE_URL: 'postgresql://cc:secret@db:5432/casechat',
      RETENTION_DAYS: '30',
      CONVERSATIONS: 'memory',
    });
    expect(config).toMatchObject({
      dataDir: '/var/lib/casechat',
      databaseUrl: 'postgresql://cc:secret@db:5432/casechat',
      retentionDays: 30,
      conversations: 'memory',
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://db/casechat' }, 'DATABASE_URL: DATABASE_URL must be a postgres:// or postgresql:// URL'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ RETENTION_DAYS: 'ninety' }, 'RETENTION_DAYS'],
    [{ CONVERSATIONS: 'redis' }, 'CONVERSATIONS: CONVERSATIONS must be "store" or "memory"'],
    [{ DATA_DIR: '' }, 'DATA_DIR'],
  ])('refuse %j with INVALID_CONFIG naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining(message) }));
  });
});

describe('openStore', () => {
  it('creates DATA_DIR and casechat.db in it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'casechat-open-'));
    try {
      const store = await openStore({ dataDir: join(root, 'a', 'b'), databaseUrl: undefined, retentionDays: 90, conversations: 'store' }, { sweepEveryMs: 0 });
      expect(store.kind).toBe('sqlite');
      await store.close();
      const again = await openStore({ dataDir: join(root, 'a', 'b'), databaseUrl: undefined, retentionDays: 90, conversations: 'store' }, { sweepEveryMs: 0 });
      await again.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails with STORE_UNAVAILABLE when DATA_DIR cannot hold the database', async () => {
    const root = mkdtempSync(join(tmpdir(), 'casechat-open-'));
    try {
      writeFileSync(join(root, 'not-a-folder'), 'x');
      const error = await openStore({ dataDir: join(root, 'not-a-folder'), databaseUrl: undefined, retentionDays: 90, conversations: 'store' }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining(join(root, 'not-a-folder', 'casechat.db')) });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails with STORE_UNAVAILABLE, without the password, when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const error = await openStore({
      dataDir: '',
      databaseUrl: `postgres://cc:s3cret-pw@127.0.0.1:${port}/casechat`,
      retentionDays: 90,
      conversations: 'store',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('the postgres database could not be prepared: connect ECONNREFUSED'),
    });
    expect(String((error as Error).message)).not.toContain('s3cret-pw');
  });
});
