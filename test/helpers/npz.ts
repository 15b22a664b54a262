// Writes .npy/.npz files for tests (NumPy format 1.0, little endian), so that bad-data cases are built in the test
// rather than committed as binaries.
import { writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';

export type NpyArray =
  | { dtype: '<f4'; shape: number[]; data: Float32Array }
  | { dtype: '<f8'; shape: number[]; data: Float64Array }
  | { dtype: '<i8'; shape: number[]; data: BigInt64Array }
  | { dtype: '<i4'; shape: number[]; data: Int32Array };

export function f32(shape: number[], values: ArrayLike<number>): NpyArray {
  return { dtype: '<f4', shape, data: Float32Array.from(values) };
}

export function i64(shape: number[], values: ArrayLike<number>): NpyArray {
  return { dtype: '<i8', shape, data: BigInt64Array.from(Array.from(values, (v) => BigInt(v))) };
}

export function npyBytes(a: NpyArray): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${a.dtype}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + a.data.byteLength);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Array.from(header, (c) => c.charCodeAt(0)), 10);
  out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), 10 + header.length);
  return out;
}

export function writeNpz(file: string, arrays: Record<string, NpyArray>): void {
  const entries: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(arrays)) entries[`${k}.npy`] = npyBytes(v);
  writeFileSync(file, zipSync(entries, { level: 0 }));
}
