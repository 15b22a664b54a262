import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
export function readNpzScratch(path: string) {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const out: Record<string, any> = {};
  for (const [name, bytes] of Object.entries(files)) {
    const hlen = bytes[8] | (bytes[9] << 8);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + hlen));
    const descr = /'descr':\s*'([^']+)'/.exec(header)![1];
    const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1].split(',').map(s => s.trim()).filter(Boolean).map(Number);
    const body = bytes.slice(10 + hlen);
    const Ctor: any = { '<f4': Float32Array, '<f8': Float64Array, '<i8': BigInt64Array, '<i4': Int32Array }[descr];
    out[name.replace(/\.npy$/, '')] = { dtype: descr, shape, data: new Ctor(body.buffer) };
  }
  return out;
}
