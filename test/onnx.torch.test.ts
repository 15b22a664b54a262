// Real torch.onnx.export output (test/fixtures/torch, made by test/fixtures/gen/torch_exports.py with PyTorch 1.13):
// a transformer encoder layer (embedding, multi-head attention, GELU, LayerNorm; opset 13 writes LayerNorm out in
// primitives, opset 17 uses the op), a residual CNN with BatchNormalization, MaxPool and a grouped conv, and an
// ELU/Sigmoid/Softplus regressor. The gradient model's loss and gradient must match PyTorch's float64 autograd.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { repoRoot } from './helpers/paths.js';
import { gradientAtTheta, fixtureData, relErrNorm, type Runtime } from './helpers/gradient-runner.js';

interface TorchRef {
  case: string;
  loss: 'cross-entropy' | 'mse';
  loss_at_params_float64: number;
  param_names: string[];
  param_sizes: number[];
  gradient: number[];
  onnx_params: Record<string, { param: string; transpose: boolean }>;
}

const dir = path.join(repoRoot, 'test', 'fixtures', 'torch');
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (cases.length === 0) throw new Error(`no PyTorch export fixtures in ${dir}`);

/** PyTorch's gradient of each parameter, as a row-major array of the ONNX initializer's layout. */
function referenceFor(ref: TorchRef, onnxName: string, dims: number[]): number[] {
  const map = ref.onnx_params[onnxName];
  if (!map) throw new Error(`ONNX parameter ${onnxName} holds no PyTorch parameter`);
  const k = ref.param_names.indexOf(map.param);
  const offset = ref.param_sizes.slice(0, k).reduce((a, b) => a + b, 0);
  const g = ref.gradient.slice(offset, offset + ref.param_sizes[k]);
  if (!map.transpose) return g;
  const [r, c] = dims; // ONNX holds W^T [r, c]; PyTorch's W is [c, r]
  return Array.from({ length: r * c }, (_, i) => g[(i % c) * r + Math.floor(i / c)]);
}

for (const file of cases) {
  const ref = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TorchRef;
  const base = path.join(dir, ref.case);
  describe(`PyTorch export ${ref.case}`, () => {
    const g = buildGradientModels(fs.readFileSync(`${base}.onnx`), { loss: ref.loss });
    const data = fixtureData(`${base}.npz`);

    it('trains exactly the PyTorch parameters (BatchNormalization statistics excluded)', () => {
      expect(g.numParams).toBe(ref.param_sizes.reduce((a, b) => a + b, 0));
      expect(new Set(g.params.map((p) => ref.onnx_params[p.name]?.param))).toEqual(new Set(ref.param_names));
      expect(g.dataInputs).toEqual(['x']);
    });

    for (const runtime of ['node', 'web'] as Runtime[]) {
      it(`${runtime}: loss to 1e-4 and gradient to 1e-3 of PyTorch's float64 autograd`, async () => {
        const out = await gradientAtTheta(g, runtime, data);
        const expected = g.params.flatMap((p) => referenceFor(ref, p.name, p.dims));
        expect(Math.abs(out.loss - ref.loss_at_params_float64) / ref.loss_at_params_float64).toBeLessThan(1e-4);
        expect(relErrNorm(out.grad, expected)).toBeLessThan(1e-3);
      });
    }

    // The CNN's stem reads the images: with an allowance its im2col patches come from the gate model.
    if (ref.case.startsWith('resnet')) {
      it('node: the same with the stem\'s im2col patches hoisted into the gate model', async () => {
        const gh = buildGradientModels(fs.readFileSync(`${base}.onnx`), { loss: ref.loss, hoistBytesPerSample: 1 << 24 });
        expect(gh.hoistedGates).toHaveLength(1);
        const out = await gradientAtTheta(gh, 'node', data);
        expect(relErrNorm(out.grad, gh.params.flatMap((p) => referenceFor(ref, p.name, p.dims)))).toBeLessThan(1e-3);
      });
    }
  });
}
