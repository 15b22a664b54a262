// GridSample's rule (src/onnx/rules/sampling.ts) beyond the PyTorch fixture grid_sample_modes (exact spectrum on both
// cores, test/torchvision.models.test.ts): the opset-20 spelling of bilinear ('linear') against the same PyTorch
// gradient, and the modes without a rule refused by name instead of scored wrongly.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { decodeModel, serializeModel } from '../src/onnx/proto-codec.js';
import type { ModelProto } from '../src/onnx/proto-types.js';
import { repoRoot } from './helpers/paths.js';
import { fixtureData, gradientAtTheta, relErrNorm } from './helpers/gradient-runner.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'models');
const ref = JSON.parse(fs.readFileSync(path.join(dir, 'grid_sample_modes.json'), 'utf8')) as { loss_float64: number; gradient_by_onnx: Record<string, number[]> };
const text = (s: string) => new TextEncoder().encode(s);

/** The fixture with its GridSample attributes rewritten (and the opset set), through the codec. */
function variant(edit: (attrs: Map<string, { s?: Uint8Array }>, k: number) => void, opset?: number): Uint8Array {
  const m: ModelProto = decodeModel(fs.readFileSync(path.join(dir, 'grid_sample_modes.onnx')));
  if (opset) for (const o of m.opsetImport) if (!o.domain) o.version = opset;
  m.graph.node.filter((n) => n.opType === 'GridSample').forEach((n, k) => edit(new Map(n.attribute.map((a) => [a.name, a])), k));
  return serializeModel(m);
}

describe('GridSample', () => {
  it("opset 20's mode 'linear' is bilinear: PyTorch's gradient, ties included", async () => {
    const bytes = variant((a) => {
      if (new TextDecoder().decode(a.get('mode')!.s) === 'bilinear') a.get('mode')!.s = text('linear');
    }, 20);
    const g = buildGradientModels(bytes, { loss: 'cross-entropy' });
    const out = await gradientAtTheta(g, 'node', fixtureData(path.join(dir, 'grid_sample_modes.npz')));
    // as at opset 16: 1.7e-7 (float32 against PyTorch's float64); 1e-6 leaves room for the rounding of other builds
    expect(relErrNorm(out.grad, g.params.flatMap((p) => ref.gradient_by_onnx[p.name]))).toBeLessThan(1e-6);
    expect(Math.abs(out.loss - ref.loss_float64) / ref.loss_float64).toBeLessThan(1e-6);
  });

  for (const [attr, value, message] of [
    ['mode', 'bicubic', /GridSample mode 'bicubic' has no gradient rule/],
    ['padding_mode', 'reflection', /GridSample padding_mode 'reflection' has no gradient rule/],
  ] as const) {
    it(`${attr} '${value}' is refused naming it and the node`, () => {
      const bytes = variant((a, k) => {
        if (k === 0) a.get(attr)!.s = text(value);
      });
      expect(() => buildGradientModels(bytes, { loss: 'cross-entropy' })).toThrow(message);
      expect(() => buildGradientModels(bytes, { loss: 'cross-entropy' })).toThrow(/GridSample/);
    });
  }
});
