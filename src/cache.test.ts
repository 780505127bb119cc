import { describe, expect, it } from 'vitest';
import { Memo, memoPerOwner } from './cache.js';

describe('Memo', () => {
  it('computes a value once and remembers it, undefined and null included', () => {
    let calls = 0;
    const m = new Memo<string, number | null>(10);
    const f = (k: string) => {
      calls++;
      return k === 'none' ? null : k.length;
    };
    expect(m.get('abc', f)).toBe(3);
    expect(m.get('abc', f)).toBe(3);
    expect(m.get('none', f)).toBeNull();
    expect(m.get('none', f)).toBeNull();
    expect(calls).toBe(2);
  });

  it('forgets everything when full, then fills again', () => {
    const m = new Memo<number, number>(3);
    for (const k of [1, 2, 3]) m.set(k, k);
    expect(m.size).toBe(3);
    m.set(2, 20);
    expect(m.size).toBe(3);
    m.set(4, 4);
    expect(m.size).toBe(1);
    expect(m.peek(1)).toBeUndefined();
    expect(m.peek(4)).toBe(4);
  });

  it('refuses a limit below 1', () => {
    expect(() => new Memo(0)).toThrow(RangeError);
  });

  it('keeps one memo per owner', () => {
    const of = memoPerOwner<object, string, number>(5);
    const a = {};
    const b = {};
    of(a).set('x', 1);
    expect(of(a).peek('x')).toBe(1);
    expect(of(b).peek('x')).toBeUndefined();
  });
});
