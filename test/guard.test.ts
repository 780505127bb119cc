import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { CasechatError } from '../src/errors.js';
import { buildIndex } from '../src/ingest/build.js';
import { currentGeneration, readGenerationState } from '../src/index/store.js';
import { memoryLogger } from '../src/log.js';
import { CORPUS, EXAMPLES, KONTAKT, published } from './small-corpus.js';

const ROOT = new URL('..', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'casechat-guard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const row = (table: string, file: string) =>
  table
    .split('\n')
    .find((l) => l.startsWith(file))!
    .split(/\s{2,}/);

describe('the per-document table', () => {
  it('shows a document whose contact block was removed losing its contact, and the change is published', async () => {
    const env = await published(root);
    writeFileSync(join(env.CORPUS_DIR, 'borgerbudget.md'), CORPUS['borgerbudget.md'].replace(KONTAKT, ''));
    const log = memoryLogger();
    const report = await buildIndex(loadConfig(env), log);
    expect(report.status).toBe('built');
    expect(report.changes.find((c) => c.file === 'borgerbudget.md')).toEqual({
      file: 'borgerbudget.md',
      before: { cases: 1, contacts: 1 },
      after: { cases: 1, contacts: 0 },
      note: null,
    });
    const table = log.infos.find((m) => m.startsWith('document'))!;
    expect(table.split('\n')[0].split(/\s{2,}/)).toEqual(['document', 'cases before', 'after', 'change', 'contacts before', 'after', 'change', 'note']);
    expect(row(table, 'borgerbudget.md')).toEqual(['borgerbudget.md', '1', '1', '0', '1', '0', '-1']);
    expect(row(table, 'total')).toEqual(['total', '7', '7', '0', '1', '0', '-1']);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(report.generation);
  });

  it('lists a skipped file with its reason', async () => {
    const env = await published(root);
    writeFileSync(join(env.CORPUS_DIR, 'noter.xlsx'), 'PK');
    const log = memoryLogger();
    await buildIndex(loadConfig(env), log, { force: true });
    const table = log.infos.find((m) => m.startsWith('document'))!;
    expect(row(table, 'noter.xlsx')).toEqual([
      'noter.xlsx',
      '-',
      '-',
      '0',
      '-',
      '-',
      '0',
      'skipped: UNSUPPORTED_FILE_TYPE extension ".xlsx" is not one of .txt, .md, .pdf, .html, .htm',
    ]);
  });
});

describe('the guard against a collapsed collection', () => {
  it('refuses a generation that loses more than 20 % of the cases, and leaves the published one as it was', async () => {
    const env = await published(root);
    const before = await currentGeneration(env.INDEX_DIR);
    // the announcement is gone: five examples collapse into one article
    writeFileSync(join(env.CORPUS_DIR, 'eksempler.txt'), EXAMPLES.replace('Her er vi innovative – fem eksempler:', 'Her er vi innovative.'));
    const log = memoryLogger();
    const err = await buildIndex(loadConfig(env), log).catch((e) => e);
    expect(err).toBeInstanceOf(CasechatError);
    expect(err.code).toBe('INDEX_SHRINK_REFUSED');
    expect(err.message).toContain('the new index has 3 cases, 4 fewer than the 7 published (57 %; at most 20 % may be lost)');
    expect(row(log.infos.find((m) => m.startsWith('document'))!, 'eksempler.txt')).toEqual(['eksempler.txt', '5', '1', '-4', '0', '0', '0']);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(before);
    expect((await readGenerationState(env.INDEX_DIR, before!)).cases).toHaveLength(7);
  });

  it('refuses a generation in which a document loses all its cases, even when the whole loses less than 20 %', async () => {
    const env = await published(root);
    writeFileSync(join(env.CORPUS_DIR, 'kyst.md'), `# Kystsikring med østers i Vejle\n\n${'Vejle Kommune planter østersrev langs kysten. '.repeat(60)}\n`);
    const config = { ...loadConfig(env), maxFileMb: 0.002 };
    const log = memoryLogger();
    const err = await buildIndex(config, log).catch((e) => e);
    expect(err.code).toBe('INDEX_SHRINK_REFUSED');
    expect(err.message).toContain('kyst.md loses all its 1 cases (skipped: FILE_TOO_LARGE 0.003 MB is over the limit of 0.002 MB (MAX_FILE_MB))');
    expect(err.message).not.toContain('fewer than');
  });

  it('makes the ingest exit with 1 and print the table, and --accept-shrink publishes the generation anyway', async () => {
    const env = await published(root);
    const before = await currentGeneration(env.INDEX_DIR);
    rmSync(join(env.CORPUS_DIR, 'eksempler.txt'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/ingest/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const refused = run();
    expect(refused.status).toBe(1);
    expect(row(refused.stdout, 'eksempler.txt')).toEqual(['eksempler.txt', '5', '-', '-5', '0', '-', '0', 'removed from the corpus']);
    expect(refused.stderr).toContain('error INDEX_SHRINK_REFUSED');
    expect(refused.stderr).toContain('eksempler.txt loses all its 5 cases (removed from the corpus)');
    expect(await currentGeneration(env.INDEX_DIR)).toBe(before);

    const accepted = run('--accept-shrink');
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('publishing although the new index has 2 cases, 5 fewer than the 7 published');
    const now = await currentGeneration(env.INDEX_DIR);
    expect(now).not.toBe(before);
    expect((await readGenerationState(env.INDEX_DIR, now!)).cases.map((c) => c.file)).toEqual(['borgerbudget.md', 'kyst.md']);
  });
});

describe('--strict', () => {
  it('fails on warnings the published generation did not have, not on those it had', async () => {
    const env = await published(root, { 'gammel.xlsx': 'PK' });
    const name = (await currentGeneration(env.INDEX_DIR))!;
    expect(JSON.parse(readFileSync(join(env.INDEX_DIR, name, 'warnings.json'), 'utf8'))).toEqual([
      { code: 'UNSUPPORTED_FILE_TYPE', file: 'gammel.xlsx', message: 'extension ".xlsx" is not one of .txt, .md, .pdf, .html, .htm' },
    ]);
    // the same warning as published: the strict run passes
    const again = await buildIndex(loadConfig(env), memoryLogger(), { strict: true, force: true });
    expect(again.status).toBe('built');
    // a new one fails it, and nothing is written
    writeFileSync(join(env.CORPUS_DIR, 'ny.xlsx'), 'PK');
    const err = await buildIndex(loadConfig(env), memoryLogger(), { strict: true, force: true }).catch((e) => e);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toContain('--strict: 1 new warning(s) while loading (UNSUPPORTED_FILE_TYPE ny.xlsx)');
    expect(await currentGeneration(env.INDEX_DIR)).toBe(again.generation);
    expect(existsSync(join(env.INDEX_DIR, again.generation!, 'warnings.json'))).toBe(true);
  });
});

describe('MAX_FILE_MB', () => {
  it('is 50 megabytes unless set', () => {
    expect(loadConfig({}).maxFileMb).toBe(50);
    expect(loadConfig({ MAX_FILE_MB: '0.5' }).maxFileMb).toBe(0.5);
  });

  it.each([
    ['0', 'MAX_FILE_MB: MAX_FILE_MB must be more than 0'],
    ['-2', 'MAX_FILE_MB: MAX_FILE_MB must be more than 0'],
    ['lots', 'MAX_FILE_MB: MAX_FILE_MB must be a number of megabytes'],
  ])('refuses %j with INVALID_CONFIG naming it', (value, message) => {
    expect(() => loadConfig({ MAX_FILE_MB: value })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining(message) }));
  });
});
