// The principal sub-block A_gg of an operator A for a subset g of the coordinates (a parameter group): v is embedded
// with zeros outside g, multiplied by A, and the product cut back to g. Used for per-layer scores.
import type { LinearOperator } from './linear-operator.js';

/** Contiguous ranges [offset, offset+size) of the full operator's coordinates. */
export type CoordinateRanges = { offset: number; size: number }[];

export class RestrictedOperator implements LinearOperator {
  readonly n: number;
  readonly finiteDifference?: boolean;
  private readonly full: Float64Array;

  constructor(
    private readonly inner: LinearOperator,
    private readonly ranges: CoordinateRanges,
  ) {
    this.n = ranges.reduce((s, r) => s + r.size, 0);
    this.finiteDifference = inner.finiteDifference;
    this.full = new Float64Array(inner.n);
  }

  async apply(v: Float64Array | Float32Array): Promise<Float64Array> {
    if (v.length !== this.n) throw new Error(`restricted product: direction has length ${v.length}, block dimension is ${this.n}`);
    let k = 0;
    for (const r of this.ranges) {
      this.full.set(v.subarray(k, k + r.size), r.offset);
      k += r.size;
    }
    const prod = await this.inner.apply(this.full);
    const out = new Float64Array(this.n);
    k = 0;
    for (const r of this.ranges) {
      out.set(prod.subarray(r.offset, r.offset + r.size), k);
      // Leave the embedding zero outside the next direction's block.
      this.full.fill(0, r.offset, r.offset + r.size);
      k += r.size;
    }
    return out;
  }
}
