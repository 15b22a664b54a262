// Limits for untrusted input in score() itself (issue 8): sizes declared by .npz/.npy headers and ONNX tensors are
// refused before anything is inflated or allocated, external data stays in the model's folder, and per-job caps
// (parameters, products, wall time, cancellation) stop a job with their own reason.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import { SaneError } from '../src/errors.js';
import { decodeModel, serializeModel } from '../src/onnx/proto-codec.js';
import { repoRoot } from './helpers/paths.js';

const model = path.join(repoRoot, 'examples', 'spirals_lr0.5.onnx');
const data = path.join(repoRoot, 'examples', 'spirals.npz');
const dir = mkdtempSync(path.join(tmpdir(), 'sane-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(p: Promise<unknown>): Promise<SaneError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(SaneError);
  return e as SaneError;
}

/** An .npy v1 file whose header declares `shape` (float32) followed by `dataBytes` bytes of zeros. */
function npy(shape: number[], dataBytes: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const out = new Uint8Array(10 + header.length + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  return out;
}

/** Sets the uncompressed size of every central-directory entry of a zip (what unzip trusts before inflating). */
function forgeUncompressedSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) if (v.getUint32(i, true) === 0x02014b50) v.setUint32(i + 24, size, true);
  return out;
}

describe('declared sizes', () => {
  it('refuses an .npz member whose zip entry declares gigabytes, before inflating it, in well under a second', async () => {
    const x = npy([4, 2], 32);
    const zip = forgeUncompressedSize(zipSync({ 'x.npy': x, 'y.npy': npy([4], 16) }, { level: 6 }), 0xfff00000);
    const file = path.join(dir, 'bomb.npz');
    writeFileSync(file, zip);
    const t0 = performance.now();
    const rss0 = process.memoryUsage().rss;
    const e = await refusal(score(model, file));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 ** 2);
    expect(e.reason).toBe('TOO_LARGE');
    expect(e.message).toMatch(/declares 4\.0 GiB.*budget/);
    expect(e.hint).toContain('maxInputBytes');
  });

  it('refuses an .npy header that declares a 9.6 GB array with a few bytes behind it, before allocating', async () => {
    const file = path.join(dir, 'liar.npz');
    writeFileSync(file, zipSync({ 'x.npy': npy([1_200_000_000, 2], 64), 'y.npy': npy([4], 16) }));
    const t0 = performance.now();
    const e = await refusal(score(model, file));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.reason).toBe('TOO_LARGE');
    expect(e.message).toContain('[1200000000, 2]');
  });

  it('refuses a genuine deflate bomb (64 MiB of zeros in a 64 KB .npz) by its zip directory, before inflating', async () => {
    const file = path.join(dir, 'zeros.npz');
    writeFileSync(file, zipSync({ 'x.npy': npy([8 * 1024 * 1024, 2], 64 * 1024 * 1024), 'y.npy': npy([4], 16) }, { level: 9 }));
    expect(readFileSync(file).length).toBeLessThan(256 * 1024);
    const t0 = performance.now();
    const e = await refusal(score(model, file, { maxInputBytes: 16 * 1024 * 1024 }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.reason).toBe('TOO_LARGE');
    expect(e.message).toMatch(/x\.npy inflates to 67108992 bytes/);
  });

  it('a member that inflates to more than its declared size cannot grow past it (truncated, CORRUPT_FILE)', async () => {
    const zip = forgeUncompressedSize(zipSync({ 'x.npy': npy([4096, 2], 32768), 'y.npy': npy([4], 16) }, { level: 6 }), 200);
    const file = path.join(dir, 'understated.npz');
    writeFileSync(file, zip);
    const e = await refusal(score(model, file));
    expect(e.reason).toBe('CORRUPT_FILE');
  });

  it('honours maxInputBytes (the real data is 3.5 KB)', async () => {
    const e = await refusal(score(model, data, { maxInputBytes: 1000 }));
    expect(e.reason).toBe('TOO_LARGE');
  });

  it('refuses a model whose tensor dims declare more than the budget', async () => {
    const m = decodeModel(readFileSync(model));
    m.graph.initializer[0].dims = [100_000, 100_000]; // 40 GB of float32 declared, 128 bytes present
    const file = path.join(dir, 'huge-dims.onnx');
    writeFileSync(file, serializeModel(m));
    const e = await refusal(score(file, data));
    expect(e.reason).toBe('TOO_LARGE');
  });
});

describe('external data stays in the model folder', () => {
  /** The example with its first initializer moved to external data at `location` (the bytes written to `file`). */
  function withExternal(name: string, location: string, file?: string): string {
    const m = decodeModel(readFileSync(model));
    const t = m.graph.initializer[0];
    const raw = t.rawData!;
    if (file) writeFileSync(file, raw);
    t.rawData = undefined;
    t.dataLocation = 1;
    t.externalData = [{ key: 'location', value: location }, { key: 'length', value: String(raw.byteLength) }];
    const sub = mkdtempSync(path.join(dir, `${name}-`));
    const out = path.join(sub, 'model.onnx');
    writeFileSync(out, serializeModel(m));
    return out;
  }

  it('reads external data inside the folder and scores exactly as the embedded model', async () => {
    const out = withExternal('ok', 'weights.bin');
    writeFileSync(path.join(path.dirname(out), 'weights.bin'), decodeModel(readFileSync(model)).graph.initializer[0].rawData!);
    const [a, b] = [await score(out, data, { estimator: 'exact' }), await score(model, data, { estimator: 'exact' })];
    expect(a.sane).toBe(b.sane);
    expect(a.topEigenvalues).toEqual(b.topEigenvalues);
  });

  it.each([
    ['a .. location', '../../../etc/passwd', /'\.\.' is not allowed/],
    ['an absolute location', '/etc/passwd', /absolute path/],
  ])('refuses %s with FORBIDDEN_PATH', async (_what, location, message) => {
    const e = await refusal(score(withExternal('esc', location), data));
    expect(e.reason).toBe('FORBIDDEN_PATH');
    expect(e.message).toMatch(message);
  });

  it('refuses a symlink that points out of the folder', async () => {
    const outside = path.join(dir, 'outside.bin');
    const out = withExternal('link', 'weights.bin', outside);
    symlinkSync(outside, path.join(path.dirname(out), 'weights.bin'));
    const e = await refusal(score(out, data));
    expect(e.reason).toBe('FORBIDDEN_PATH');
    expect(e.message).toMatch(/symbolic link/);
  });
});

describe('per-job caps', () => {
  it('maxParams refuses a larger model with LIMIT', async () => {
    const e = await refusal(score(model, data, { maxParams: 100 }));
    expect(e.reason).toBe('LIMIT');
    expect(e.code).toBe('limit');
    expect(e.message).toMatch(/371 parameters, above the cap of 100/);
  });

  it('maxProducts stops the products with LIMIT', async () => {
    const e = await refusal(score(model, data, { estimator: 'exact', maxProducts: 10 }));
    expect(e.reason).toBe('LIMIT');
    expect(e.message).toMatch(/more than 10 Hessian-vector products/);
  });

  it('maxSeconds stops a job that runs too long with LIMIT', async () => {
    const e = await refusal(score(model, data, { estimator: 'exact', maxSeconds: 0.001 }));
    expect(e.reason).toBe('LIMIT');
    expect(e.message).toMatch(/wall-time cap/);
  });

  it('an aborted signal cancels with CANCELLED', async () => {
    const ac = new AbortController();
    let n = 0;
    const e = await refusal(score(model, data, { estimator: 'exact', signal: ac.signal, onProgress: () => void (++n === 5 && ac.abort()) }));
    expect(e.reason).toBe('CANCELLED');
  });

  it('caps that hold leave the result unchanged', async () => {
    const a = await score(model, data, { estimator: 'exact', maxParams: 371, maxProducts: 1000, maxSeconds: 600 });
    const b = await score(model, data, { estimator: 'exact' });
    expect(a.sane).toBe(b.sane);
    expect(a.sane).toBeCloseTo(2.361, 2); // PyTorch's exact value (examples/spirals_lr0.5.json)
  });
});
