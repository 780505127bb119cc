import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Characters gathered from the pieces before each write. */
const BLOCK_CHARS = 1 << 20;

/** The pieces joined into blocks of about `BLOCK_CHARS` characters. */
function* blocks(pieces: Iterable<string>): Generator<string> {
  let block: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    block.push(piece);
    size += piece.length;
    if (size >= BLOCK_CHARS) {
      yield block.join('');
      block = [];
      size = 0;
    }
  }
  if (block.length) yield block.join('');
}

/**
 * Writes a JSON text given in pieces to `path`, a block at a time, so that no string of the whole
 * file is made: a large index is written in the memory of one block.
 */
export async function writeJsonPieces(path: string, pieces: Iterable<string>): Promise<void> {
  // one block read ahead at a time (the default would buffer 16)
  await pipeline(Readable.from(blocks(pieces), { highWaterMark: 1 }), createWriteStream(path));
}

/** `JSON.stringify(items)` in pieces, one per item, for an array of JSON values. */
export function* jsonArrayPieces(items: Iterable<unknown>): Generator<string> {
  let first = true;
  yield '[';
  for (const item of items) {
    yield `${first ? '' : ','}${JSON.stringify(item)}`;
    first = false;
  }
  yield ']';
}
