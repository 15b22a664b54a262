// Writing numpy .npy/.npz bytes (format 1.0, little endian, stored zip members as numpy.savez writes them). The
// scoring path only reads these; the writer exists so that a process can run its own reader on known bytes (the
// batch workers' warm-up) and so that tests build bad-data cases instead of committing binaries.
import { zipSync } from 'fflate';

/** One array to write: `descr` is numpy's type string ('<f4', '<f8', '<i8', '<i4'...), matching `data`. */
export interface NpyInput {
  descr: string;
  shape: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
}

export function encodeNpy(a: NpyInput): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${a.descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // numpy pads the header so that the data starts on a 64-byte boundary.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + a.data.byteLength);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Array.from(header, (c) => c.charCodeAt(0)), 10);
  out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), 10 + header.length);
  return out;
}

export function encodeNpz(arrays: Record<string, NpyInput>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(arrays)) entries[`${k}.npy`] = encodeNpy(v);
  return zipSync(entries, { level: 0 });
}
