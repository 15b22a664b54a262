// Writes .npy/.npz files for tests (NumPy format 1.0, little endian), so that bad-data cases are built in the test
// rather than committed as binaries. The encoder is the package's own (src/data/npz-encode.ts).
import { writeFileSync } from 'node:fs';
import { encodeNpy, encodeNpz } from '../../src/data/npz-encode.js';

export type NpyArray =
  | { descr: '<f4'; shape: number[]; data: Float32Array }
  | { descr: '<f8'; shape: number[]; data: Float64Array }
  | { descr: '<i8'; shape: number[]; data: BigInt64Array }
  | { descr: '<i4'; shape: number[]; data: Int32Array };

export function f32(shape: number[], values: ArrayLike<number>): NpyArray {
  return { descr: '<f4', shape, data: Float32Array.from(values) };
}

export function i64(shape: number[], values: ArrayLike<number>): NpyArray {
  return { descr: '<i8', shape, data: BigInt64Array.from(Array.from(values, (v) => BigInt(v))) };
}

export const npyBytes = encodeNpy;

export function writeNpz(file: string, arrays: Record<string, NpyArray>): void {
  writeFileSync(file, encodeNpz(arrays));
}
