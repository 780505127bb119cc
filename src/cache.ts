/**
 * A memo of values computed from a key (a word's stem, a sentence's spans, a query word's
 * neighbours). It forgets everything when it holds `limit` entries: simpler than LRU and enough
 * here, where the working set is far below the limits (`MEMO_LIMITS` in `config.ts`).
 */
export class Memo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`a memo holds at least 1 entry, not ${limit}`);
  }

  /** The value of `key`, computed by `compute` the first time. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** The value remembered for `key`, if any. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Remembers a value computed elsewhere (e.g. in a batch). */
  set(key: K, value: V): void {
    if (this.map.size >= this.limit && !this.map.has(key)) this.map.clear();
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }
}

/** One memo per owner object (an index, a language profile), forgotten with the owner. */
export function memoPerOwner<O extends object, K, V>(limit: number): (owner: O) => Memo<K, V> {
  const memos = new WeakMap<O, Memo<K, V>>();
  return (owner) => {
    let m = memos.get(owner);
    if (!m) memos.set(owner, (m = new Memo<K, V>(limit)));
    return m;
  };
}
