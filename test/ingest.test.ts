import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildIndex } from '../src/ingest/build.js';
import { currentGeneration, INDEX_FORMAT_VERSION, loadIndex, readManifest } from '../src/index/store.js';
import { memoryLogger } from '../src/log.js';
import { CasechatError } from '../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'casechat-ingest-'));
const env = { CORPUS_DIR: join(root, 'corpus'), INDEX_DIR: join(root, 'index'), MODELS_DIR: join(root, 'models') };
const config = loadConfig(env);

beforeAll(async () => {
  cpSync(new URL('../corpus', import.meta.url).pathname, env.CORPUS_DIR, { recursive: true });
  await buildIndex(config, memoryLogger());
});

describe('ingest', () => {
  it('writes a versioned manifest with the corpus hashes, counts, settings and model', async () => {
    const m = (await readManifest(env.INDEX_DIR))!;
    expect(m.formatVersion).toBe(INDEX_FORMAT_VERSION);
    expect(Object.keys(m.corpus).sort()).toEqual([
      'coi-business-region-aarhus-2015.txt',
      'hjem-til-alle-odense-2018.txt',
      'laes-stjael-fortael-2019.txt',
      'odense-kommune-innovation.txt',
      'sammen-ved-vi-bedst.txt',
    ]);
    expect(m.counts.cases).toBe(70);
    expect(m.model).toMatchObject({ pooling: 'mean', normalize: true, prefixes: null, method: 'lsa' });
    expect(m.model.id).toMatch(/^casechat-corpus-[0-9a-f]{12}$/);
    expect(m.model.dim).toBe(160);
  });

  it('does nothing on an unchanged corpus and says so', async () => {
    const log = memoryLogger();
    const generation = await currentGeneration(env.INDEX_DIR);
    const before = readFileSync(join(env.INDEX_DIR, generation!, 'manifest.json'), 'utf8');
    const report = await buildIndex(config, log);
    expect(report.status).toBe('unchanged');
    expect(report.generation).toBe(generation);
    expect(log.infos.some((m) => m.includes('index is up to date'))).toBe(true);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(generation);
    expect(readFileSync(join(env.INDEX_DIR, generation!, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('refuses an index built with another model, with a rebuild message', async () => {
    const err = await loadIndex(env.INDEX_DIR, { id: 'some-other-model', dim: 384 }).catch((e) => e);
    expect(err).toBeInstanceOf(CasechatError);
    expect(err.code).toBe('INDEX_MANIFEST_MISMATCH');
    expect(err.message).toContain('run npm run ingest to rebuild');
  });

  it('keeps the previous index intact when a run fails, and re-processes a changed file', async () => {
    const generation = await currentGeneration(env.INDEX_DIR);
    const before = readFileSync(join(env.INDEX_DIR, generation!, 'cases.json'), 'utf8');
    // --strict with a file that warns: the run fails and nothing is written
    writeFileSync(join(env.CORPUS_DIR, 'notes.xlsx'), 'not supported');
    const err = await buildIndex(config, memoryLogger(), { strict: true }).catch((e) => e);
    expect(err).toBeInstanceOf(CasechatError);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(generation);
    expect(readFileSync(join(env.INDEX_DIR, generation!, 'cases.json'), 'utf8')).toBe(before);
    expect(readdirSync(env.INDEX_DIR).filter((n) => n.startsWith('.building-') || n === '.ingest.lock')).toEqual([]);
    // a changed document is picked up
    writeFileSync(
      join(env.CORPUS_DIR, 'ny-artikel.md'),
      '# Borgerbudgetter i Syddjurs\n\nSyddjurs Kommune lader borgerne fordele en pulje til lokale projekter i landsbyerne, og mange deltager.\n',
    );
    const log = memoryLogger();
    const report = await buildIndex(config, log);
    expect(report.status).toBe('built');
    expect(report.changedFiles).toEqual(['ny-artikel.md']);
    expect(report.generation).not.toBe(generation);
    expect(await currentGeneration(env.INDEX_DIR)).toBe(report.generation);
    expect(log.warnings.map((w) => [w.code, w.file])).toContainEqual(['UNSUPPORTED_FILE_TYPE', 'notes.xlsx']);
    const index = await loadIndex(env.INDEX_DIR, { id: report.manifest.model.id, dim: report.manifest.model.dim });
    expect(index.cases.find((c) => c.file === 'ny-artikel.md')?.title).toBe('Borgerbudgetter i Syddjurs');
  });

  it('rejects an unknown command-line flag with a clear message', () => {
    const r = spawnSync('npx', ['tsx', 'src/ingest/cli.ts', '--bogus'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('INVALID_ARGUMENT');
    expect(r.stderr).toContain('unknown option --bogus');
  });
});
