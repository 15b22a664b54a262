// When onnxruntime refuses to open the gradient model with the blocked (NCHWc) Convs, the score falls back to the
// plain build: the same numbers (PyTorch's float64 Hessian of test/fixtures/models, as in
// test/torchvision.models.test.ts) and a warning saying why the run is slower. The runtime is wrapped so that any
// session whose model uses the com.microsoft.nchwc ops fails to open, as on a runtime without them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { repoRoot } from './helpers/paths.js';
import type { RuntimeName, SessionOptions } from '../src/oracle/runtime.js';

const refused: string[] = [];

vi.mock('../src/oracle/runtime.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/oracle/runtime.js')>();
  const marker = Buffer.from('com.microsoft.nchwc');
  return {
    ...real,
    createSession: async (runtime: RuntimeName, model: Uint8Array, options: SessionOptions = {}) => {
      if (Buffer.from(model.buffer, model.byteOffset, model.byteLength).includes(marker)) {
        refused.push(options.label ?? 'model');
        throw new Error('this onnxruntime has no com.microsoft.nchwc kernels');
      }
      return real.createSession(runtime, model, options);
    },
  };
});

const { score } = await import('../src/api/score.js');

const dir = path.join(repoRoot, 'test', 'fixtures', 'models');
const name = 'mobilenetv2_blocks';
const ref = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as {
  loss: 'cross-entropy'; lambda_max: number; sane: number; neff: number;
};
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('NCHWc sessions refused by onnxruntime', () => {
  it('falls back to plain Convs: PyTorch\'s numbers (0.1%, as without the fallback) and a warning naming the cause', async () => {
    const r = await score(path.join(dir, `${name}.onnx`), path.join(dir, `${name}.npz`), {
      loss: ref.loss, estimator: 'exact', core: 'native', runtime: 'onnxruntime-node',
    });
    // The blocked build was tried (the probe found the block size on this machine) and refused.
    expect(refused.length).toBeGreaterThan(0);
    expect(r.warnings.some((w) => /NCHWc/.test(w) && /no com\.microsoft\.nchwc kernels/.test(w))).toBe(true);
    expect(rel(Math.abs(r.topEigenvalues[0]), ref.lambda_max)).toBeLessThan(1e-3);
    expect(r.sane).not.toBeNull();
    expect(rel(r.sane as number, ref.sane)).toBeLessThan(1e-3);
    expect(rel(r.neff as number, ref.neff)).toBeLessThan(1e-3);
  }, 300_000);
});
