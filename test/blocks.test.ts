import { describe, expect, it } from 'vitest';
import { blocksIn, contactBlockEnd, eachBlock } from '../src/ingest/blocks.js';

/** Lines that count how far they were read. */
function counted(lines: string[]): { lines: string[]; furthest: () => number } {
  let furthest = -1;
  const proxy = new Proxy(lines, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) furthest = Math.max(furthest, Number(key));
      return Reflect.get(target, key, receiver);
    },
  });
  return { lines: proxy, furthest: () => furthest };
}

describe('blocks', () => {
  it('splits lines into runs of non-blank lines, one at a time or all at once', () => {
    const lines = ['a', 'b', '', ' ', 'c', '\u00a0', 'd', 'e'];
    expect(blocksIn(lines)).toEqual([
      { start: 0, end: 1 },
      { start: 4, end: 4 },
      { start: 6, end: 7 },
    ]);
    expect([...eachBlock(lines, 1, 6)]).toEqual([
      { start: 1, end: 1 },
      { start: 4, end: 4 },
      { start: 6, end: 6 },
    ]);
  });

  it('reads a contact block no further than the block that ends it, however long the document', () => {
    const page = [
      'Hvis du vil genbruge løsningen, så kontakt:',
      '',
      'Mette Hansen, projektleder',
      'meha@syddjurs.dk',
      '',
      '”Det var en god dag for alle.”',
      '',
    ];
    const rest = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 2 ? '' : `Linje ${i} i en anden case.`));
    const { lines, furthest } = counted([...page, ...rest]);
    expect(contactBlockEnd(lines, 0)).toBe(3);
    expect(furthest()).toBe(6);
  });
});
