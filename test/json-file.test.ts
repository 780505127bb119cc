import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonArrayPieces, writeJsonPieces } from '../src/index/json-file.js';

const dir = mkdtempSync(join(tmpdir(), 'casechat-json-'));

describe('writeJsonPieces', () => {
  it('writes an array of several megabytes byte for byte as JSON.stringify does', async () => {
    const items = Array.from({ length: 6000 }, (_, i) => ({
      id: `c${i}`,
      text: `Læsehestene “læser” for børn i ${i} kommuner\n${'ø'.repeat(i % 700)}`,
      page: i % 3 ? null : i,
      tags: ['æ', 'å', String(i / 7)],
    }));
    const path = join(dir, 'items.json');
    await writeJsonPieces(path, jsonArrayPieces(items));
    const text = readFileSync(path, 'utf8');
    // more than two blocks of 1 M characters
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(text).toBe(JSON.stringify(items));
  });

  it('writes an empty array as []', async () => {
    const path = join(dir, 'empty.json');
    await writeJsonPieces(path, jsonArrayPieces([]));
    expect(readFileSync(path, 'utf8')).toBe('[]');
  });

  it('fails with the file system error when the folder is missing', async () => {
    const error = await writeJsonPieces(join(dir, 'missing', 'x.json'), jsonArrayPieces([1])).catch((e: NodeJS.ErrnoException) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
