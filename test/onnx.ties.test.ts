// Issue 7 item 1: at exact ties every non-smooth rule gives what PyTorch's autograd gives for the module the exporter
// turned into that op (test/fixtures/ties, made by test/fixtures/gen/torch_ties.py with PyTorch 1.13: ReLU6/Hardtanh
// -> Clip, |x|, Hardsigmoid/Hardswish, torch.maximum/minimum -> Max/Min, amax/amin -> ReduceMax/ReduceMin, MaxPool and
// adaptive max pooling, ReLU/LeakyReLU/ELU at 0). Checked: the live and the gated gradient at θ against PyTorch's
// float64 gradient, and the Hessian from central differences of the gated gradient (gates frozen at θ) against
// PyTorch's float64 Hessian, i.e. the frozen forward holds the same convention as the backward.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { repoRoot } from './helpers/paths.js';
import { GradientRunner, gradientAtTheta, fixtureData, relErrNorm, type Runtime } from './helpers/gradient-runner.js';

interface TieRef {
  case: string;
  loss_float64: number;
  param_names: string[];
  param_sizes: number[];
  gradient: number[];
  hessian: number[][];
}

const dir = path.join(repoRoot, 'test', 'fixtures', 'ties');
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (cases.length < 15) throw new Error(`expected the tie fixtures in ${dir}, found ${cases.length}`);

for (const file of cases) {
  const ref = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TieRef;
  const base = path.join(dir, ref.case);
  describe(`ties: ${ref.case}`, () => {
    const g = buildGradientModels(fs.readFileSync(`${base}.onnx`), { loss: 'mse' });
    const data = fixtureData(`${base}.npz`);
    // The parameters in PyTorch's order (the ONNX initializers keep the module's names a, b, c, d).
    const order = ref.param_names.map((n) => {
      const p = g.params.find((q) => q.name === n);
      if (!p) throw new Error(`${ref.case}: no ONNX parameter ${n}`);
      return p;
    });
    const toTorch = (v: Float64Array) => order.flatMap((p) => Array.from(v.subarray(p.offset, p.offset + p.size)));

    for (const runtime of ['node', 'web'] as Runtime[]) {
      for (const which of ['live', 'gated'] as const) {
        // Every value here is a small dyadic rational, exact in float32: what remains is float32 rounding of sums.
        it(`${runtime} ${which}: PyTorch's gradient at the ties to 1e-5`, async () => {
          const out = await gradientAtTheta(g, runtime, data, which);
          expect(Math.abs(out.loss - ref.loss_float64)).toBeLessThan(1e-6 * (1 + ref.loss_float64));
          expect(relErrNorm(toTorch(out.grad), ref.gradient)).toBeLessThan(1e-5);
        });
      }
      it(`${runtime}: Hessian from the gated gradient (gates frozen at θ) is PyTorch's to 1e-3`, async () => {
        const r = await GradientRunner.create(g, runtime, 'gated');
        await r.freezeAt(g.theta, data);
        const P = g.numParams;
        // The gated loss is a polynomial of degree <= 4 in θ (ELU: smooth), so a large step costs little truncation
        // and keeps float32 rounding of the gradient (~1e-7 relative) well below the tolerance.
        const h = 1 / 64;
        const H: number[][] = [];
        for (const p of order) {
          for (let k = 0; k < p.size; k++) {
            const j = p.offset + k;
            const plus = Float32Array.from(g.theta);
            const minus = Float32Array.from(g.theta);
            plus[j] += h;
            minus[j] -= h;
            const gp = toTorch((await r.run(plus, data)).grad);
            const gm = toTorch((await r.run(minus, data)).grad);
            H.push(gp.map((v, i) => (v - gm[i]) / (2 * h)));
          }
        }
        await r.release();
        expect(H.length).toBe(P);
        const flat = H.flat();
        const want = ref.hessian.flat();
        expect(want.some((v) => v !== 0)).toBe(true);
        expect(relErrNorm(flat, want)).toBeLessThan(1e-3);
      });
    }
  });
}
