/**
 * An Int32Array that grows as values are pushed (its capacity doubles), for collecting many
 * small integers at 4 bytes each rather than as a JS array.
 */
export class GrowingInt32Array {
  private data = new Int32Array(1024);
  /** Number of values pushed. */
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The value at `index` (0 ≤ index < length). */
  at(index: number): number {
    return this.data[index];
  }
}
