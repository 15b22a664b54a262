// Issue 9 item 6 in small: the GPT-2 architecture of bench/make_transformer.py (token + position embedding, pre-LN
// blocks with causal multi-head self-attention and a tanh-GELU MLP, final LayerNorm, LM head tied to the token
// embedding, the model's own next-token cross-entropy as its output `loss`), exported by PyTorch 1.13 at opset 17,
// at a size where PyTorch's float64 Hessian is affordable (2 layers, d = 32, vocab 64, 3 sequences of 8 tokens;
// P = 28,032). test/fixtures/transformer/tiny.* come from `/usr/bin/python3 bench/make_transformer.py tiny
// test/fixtures/transformer --reference`: PyTorch's float64 loss, gradient, and the top of the spectrum by scipy's
// eigsh over exact double-backward products. The 124M-parameter case is the same code at GPT-2 small's shapes
// (npm run bench:transformer); this test checks that every op of the export is differentiated correctly and that
// λ_max comes out with the lanczos defaults, also along the no-stored-basis path the 124M run takes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { score } from '../src/api/score.js';
import { prepareScoring } from '../src/api/setup.js';
import { estimate } from '../src/estimators/auto.js';
import { HvpOperator } from '../src/oracle/hvp.js';
import { repoRoot } from './helpers/paths.js';
import { gradientAtTheta, relErrNorm, type Runtime } from './helpers/gradient-runner.js';
import { readNpz } from '../src/data/npz.js';

interface TransformerRef {
  num_params: number;
  loss_float64: number;
  /** max |λ| of the Hessian of the mean loss */
  lambda_max: number;
  /** the algebraic extremes */
  largest: number;
  smallest: number;
  top_abs: number[];
  gradient_by_onnx: Record<string, number[]>;
}

const dir = path.join(repoRoot, 'test', 'fixtures', 'transformer');
const model = path.join(dir, 'tiny.onnx');
const npz = path.join(dir, 'tiny.npz');
const ref = JSON.parse(fs.readFileSync(path.join(dir, 'tiny.json'), 'utf8')) as TransformerRef;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const loss = 'output:loss' as const;
const backends = [
  { core: 'native' as const, runtime: 'node' as Runtime },
  { core: 'wasm' as const, runtime: 'web' as Runtime },
];

describe(`GPT-2-shaped transformer, tiny (P = ${ref.num_params})`, () => {
  const g = buildGradientModels(fs.readFileSync(model), { loss });

  it('trains exactly the PyTorch parameters (the tied LM head once, the causal mask buffer not at all)', () => {
    expect(g.numParams).toBe(ref.num_params);
    expect(g.params.map((p) => p.name).sort()).toEqual(Object.keys(ref.gradient_by_onnx).sort());
    expect(g.dataInputs.sort()).toEqual(['idx', 'targets']);
  });

  for (const { core, runtime } of backends) {
    it(`${runtime}: loss to 1e-4 and gradient to 1e-3 of PyTorch's float64 autograd`, async () => {
      const arrays = readNpz(npz);
      const int64 = (k: string) => ({ type: 'int64' as const, dims: arrays[k].shape, data: arrays[k].data as BigInt64Array });
      const data = { idx: int64('idx'), targets: int64('targets') };
      const out = await gradientAtTheta(g, runtime, data);
      const expected = g.params.flatMap((p) => ref.gradient_by_onnx[p.name]);
      expect(rel(out.loss, ref.loss_float64)).toBeLessThan(1e-4);
      expect(relErrNorm(out.grad, expected)).toBeLessThan(1e-3);
    });

    // Tolerance 2e-4, three times the worst achieved: on both cores (the same numbers, both on onnxruntime-node)
    // max|λ| 4.5e-5, the algebraic λ_max 6.3e-5, λ_min 4.5e-5, top-3 within 4.5e-5·max|λ|; without a stored basis
    // 4.1e-5 / 3.7e-5 / 4.1e-5. What is left is the error of the products (Richardson-extrapolated differences of
    // float32 gradients), not of Lanczos: its residual bounds are 1e-8 or below with a basis.
    it(`${core} core: lanczos defaults give max|λ|, both ends and the top-3 within 2e-4 of PyTorch's eigsh`, async () => {
      const r = await score(model, npz, { loss, estimator: 'lanczos', core });
      expect(r.numParams).toBe(ref.num_params);
      expect(rel(Math.abs(r.topEigenvalues[0]), ref.lambda_max)).toBeLessThan(2e-4);
      expect(rel(r.lambdaMax, ref.largest)).toBeLessThan(2e-4);
      expect(rel(r.lambdaMin, ref.smallest)).toBeLessThan(2e-4);
      ref.top_abs.forEach((v, i) => expect(Math.abs(r.topEigenvalues[i] - v)).toBeLessThan(2e-4 * ref.lambda_max));
      expect(r.options.reorthogonalize).toBe(true);
    }, 600_000);

    // The path of the 124M run: a budget (1 MB) that holds the three working vectors (0.7 MB) but no float32 basis
    // of 20 steps (2.9 MB), so Lanczos runs without a stored basis. Same reference, same tolerance: the extremes
    // keep their residual bounds and no ghost copy of the top eigenvalue takes a place in the top-3.
    it(`${core} core: without a stored basis (memory budget 1 MB) the same top-3 within 2e-4`, async () => {
      const r = await score(model, npz, { loss, estimator: 'lanczos', core, memoryBudget: 1_000_000 });
      expect(r.options.reorthogonalize).toBe(false);
      expect(r.warnings.join(' ')).toMatch(/ran without a stored basis/);
      expect(rel(Math.abs(r.topEigenvalues[0]), ref.lambda_max)).toBeLessThan(2e-4);
      ref.top_abs.forEach((v, i) => expect(Math.abs(r.topEigenvalues[i] - v)).toBeLessThan(2e-4 * ref.lambda_max));
    }, 600_000);

    // The 124M run's products: above 128 MiB of long-step buffers (LEAN_RICHARDSON_BYTES) Richardson evaluates its
    // two pairs in turn, the long pair one point at a time in one buffer (HvpOperator.lean). Forced here at small P: the same
    // products to the bit as the one-pass form, and PyTorch's max|λ| from a Lanczos run on them.
    it(`${core} core: lean Richardson products equal the one-pass ones bit for bit and give PyTorch's max|λ|`, async () => {
      const setup = await prepareScoring(model, npz, { loss, core });
      try {
        const onePass = new HvpOperator(setup.core, setup.oracle, setup.theta, { scheme: 'richardson', lean: false });
        const lean = new HvpOperator(setup.core, setup.oracle, setup.theta, { scheme: 'richardson', lean: true });
        expect([onePass.lean, lean.lean]).toEqual([false, true]);
        const v = Float64Array.from({ length: setup.numParams }, (_, i) => Math.sin(1 + i * 0.37));
        const a = Float64Array.from(await onePass.apply(v));
        const b = await lean.apply(v);
        expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
        const r = await estimate(setup.core, lean, { saneC: 0.5, neffZ: 1, negative: 'abs', saneK: 1, top: 3, estimator: 'lanczos', seed: 0 });
        expect(rel(Math.abs(r.metrics.topEigenvalues[0]), ref.lambda_max)).toBeLessThan(2e-4);
      } finally {
        await setup.release();
      }
    }, 600_000);
  }
});
