// Small helpers on shapes shared by matching and batching: element counts, declared dims, and how a shape is
// written in messages.

export function shapeString(shape: ReadonlyArray<unknown>): string {
  return `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' && d ? d : '?')).join(', ')}]`;
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A declared dim that pins a size (positive number); symbolic or unknown dims return undefined. */
export function staticDim(d: number | string | undefined | null): number | undefined {
  return typeof d === 'number' && d > 0 ? d : undefined;
}
