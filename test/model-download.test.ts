import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/model-download.ts';

let modelsDir: string;
beforeEach(() => {
  modelsDir = mkdtempSync(join(tmpdir(), 'casechat-models-'));
});
afterEach(() => rmSync(modelsDir, { recursive: true, force: true }));

function runSync(args: string[]) {
  const r = spawnSync('npx', ['tsx', SCRIPT, ...args], { env: { ...process.env, MODELS_DIR: modelsDir }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same, without blocking the event loop (a test server in this process must answer). */
function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', SCRIPT, ...args], { env: { ...process.env, MODELS_DIR: modelsDir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** A hub on 127.0.0.1 serving `files` under /<id>/resolve/main/. */
async function localHub(id: string, files: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const prefix = `/${id}/resolve/main/`;
    const body = req.url?.startsWith(prefix) ? files[req.url.slice(prefix.length)] : undefined;
    if (body === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const FILES = {
  'config.json': '{"model_type":"bert"}',
  'tokenizer.json': '{"model":{}}',
  'tokenizer_config.json': '{}',
  'onnx/model_quantized.onnx': 'onnx bytes',
};

// CI and the developers' machines reach no host but the package registries; where the hub does resolve, this test would download for real.
const hubResolves = await lookup('huggingface.co').then(
  () => true,
  () => false,
);

describe('model-download', () => {
  it('refuses an id that is not owner/name, and creates nothing', () => {
    const r = runSync(['not-a-model-id']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error INVALID_ARGUMENT');
    expect(r.err).toContain('"not-a-model-id" is not a model id: expected owner/name, e.g. Xenova/multilingual-e5-small');
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('refuses an id that climbs out of the models folder', () => {
    const r = runSync(['Xenova/..']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('must not contain ".." or "--"');
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it.skipIf(hubResolves)('fails offline naming the host and telling to copy the folder and set EMBED_MODEL, leaving no folder', () => {
    const r = runSync(['Xenova/multilingual-e5-small']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error MODEL_DOWNLOAD_FAILED');
    expect(r.err).toContain('cannot reach huggingface.co');
    expect(r.err).toContain(`under ${join(modelsDir, 'multilingual-e5-small')}/`);
    expect(r.err).toContain('EMBED_MODEL=multilingual-e5-small');
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('puts every file in models/<name> when all of them arrive', async () => {
    const hub = await localHub('Xenova/tiny-model', FILES);
    try {
      const r = await run(['Xenova/tiny-model', '--name', 'tiny', '--hub', hub.url]);
      expect(r.code).toBe(0);
      expect(readdirSync(modelsDir)).toEqual(['tiny']);
      for (const [file, body] of Object.entries(FILES)) expect(readFileSync(join(modelsDir, 'tiny', file), 'utf8')).toBe(body);
      expect(r.out).toContain('start with EMBED_MODEL=tiny');
    } finally {
      hub.server.close();
    }
  });

  it('leaves no half folder when a file is missing on the hub', async () => {
    const { 'onnx/model_quantized.onnx': _missing, ...some } = FILES;
    const hub = await localHub('Xenova/tiny-model', some);
    try {
      const r = await run(['Xenova/tiny-model', '--hub', hub.url]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('answered HTTP 404 (no such model or file on the hub, or it needs a login)');
      expect(r.err).toContain('/Xenova/tiny-model/resolve/main/onnx/model_quantized.onnx');
      expect(readdirSync(modelsDir)).toEqual([]);
    } finally {
      hub.server.close();
    }
  });

  it('refuses to overwrite an existing model folder', async () => {
    const hub = await localHub('Xenova/tiny-model', FILES);
    try {
      expect((await run(['Xenova/tiny-model', '--hub', hub.url])).code).toBe(0);
      const again = await run(['Xenova/tiny-model', '--hub', hub.url]);
      expect(again.code).toBe(1);
      expect(again.err).toContain(`${join(modelsDir, 'tiny-model')} already exists`);
      expect(readdirSync(modelsDir)).toEqual(['tiny-model']);
    } finally {
      hub.server.close();
    }
  });
});
