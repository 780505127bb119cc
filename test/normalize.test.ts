import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alnumKey, diceSimilarity, trigramSimilarity, trigrams } from '../src/text/normalize.js';

describe('alnumKey', () => {
  it('gives a text of words the key of its words joined, so word windows can be keyed word by word (property)', () => {
    const letters = ['a', 'e', 'æ', 'ø', 'å', 'A', 'E', 'Æ', 'o', 'é', 'e\u0301', 'ü', 'S', '1', '-', '.', '“', 'ß', 'İ'];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 }).map((w) => w.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        expect(alnumKey(words.join(' '))).toBe(words.map(alnumKey).join(''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('trigramSimilarity', () => {
  it('is the Dice coefficient of the padded trigrams of the two keys', () => {
    expect([...trigrams('abc')]).toEqual([
      ['  a', 1],
      [' ab', 1],
      ['abc', 1],
      ['bc ', 1],
    ]);
    // keys "lasehest" (9 trigrams) and "lasehus" (8) share "  l", " la", "las", "ase", "seh": 2·5 / (9 + 8)
    expect(trigramSimilarity('Læsehest', 'laesehus')).toBe(10 / 17);
    expect(trigramSimilarity('Læsehest', 'laesehus')).toBe(diceSimilarity(trigrams(alnumKey('laesehus')), trigrams(alnumKey('Læsehest'))));
    expect(trigramSimilarity('Hjem til Alle', 'hjem-til-alle')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
  });
});
