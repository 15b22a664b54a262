// The Conv -> BatchNormalization folding of src/onnx/fold.ts (a speed rewrite): the folded gradient model has no
// BatchNormalization left, trains the same parameters, and computes the same loss and gradient as the unfolded one
// (whose BN vjp is checked in rules.normalization) and agrees with directional central differences of its own loss; the
// gated (frozen-ReLU) float32 models agree with the unfolded ones on both runtimes.
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { parseModel } from '../src/onnx/load.js';
import { foldConvBatchNorm } from '../src/onnx/fold.js';
import { weightSideRewritePays } from '../src/onnx/rewrite-pays.js';
import { batchRowsFor } from '../src/api/setup.js';
import { OnnxMaker, rng } from './helpers/onnx-maker.js';
import { GradientRunner, gradientAtTheta, relErrNorm, type FeedArray } from './helpers/gradient-runner.js';

const N = 3;

function convBnNet(dtype: 'double' | 'float'): Uint8Array {
  const m = new OnnxMaker(dtype);
  const r = rng(11);
  const w = (name: string, dims: number[], scale = 0.4) => m.init(name, dims, () => scale * r());
  const bn = (t: string, c: number, p: string) =>
    m.op('BatchNormalization', [t, m.init(`${p}.weight`, [c], () => 1 + 0.3 * r()), w(`${p}.bias`, [c], 0.2),
      m.init(`${p}.running_mean`, [c], () => 0.3 * r()), m.init(`${p}.running_var`, [c], () => 0.5 + Math.abs(r()))], { epsilon: { float: 1e-3 } });
  const x = m.input('x', ['batch', 3, 6, 6]);
  // with a conv bias, then without one (the usual bias=False before BN), strided, grouped
  const h1 = m.op('Relu', [bn(m.op('Conv', [x, w('c1.weight', [4, 3, 3, 3]), w('c1.bias', [4], 0.2)], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }), 4, 'bn1')]);
  const h2 = m.op('Relu', [bn(m.op('Conv', [h1, w('c2.weight', [4, 2, 3, 3])], { kernel_shape: [3, 3], strides: [2, 2], group: 2 }), 4, 'bn2')]);
  // a Conv whose output is also read elsewhere is not folded
  const c3 = m.op('Conv', [h2, w('c3.weight', [4, 4, 1, 1])], { kernel_shape: [1, 1] });
  const h3 = m.op('Add', [bn(c3, 4, 'bn3'), c3]);
  const pooled = m.op('Flatten', [m.op('GlobalAveragePool', [h3])]);
  m.node('Gemm', [pooled, w('fc.weight', [5, 4]), w('fc.bias', [5], 0.1)], { transB: 1 }, ['logits']);
  m.output('logits', ['batch', 5]);
  return m.bytes(17);
}

function data(dtype: 'double' | 'float'): Record<string, FeedArray> {
  const r = rng(3);
  const xs = Array.from({ length: N * 3 * 36 }, () => r());
  return {
    x: dtype === 'double' ? { type: 'float64', dims: [N, 3, 6, 6], data: Float64Array.from(xs) } : { type: 'float32', dims: [N, 3, 6, 6], data: Float32Array.from(xs) },
    labels: { type: 'int64', dims: [N], data: BigInt64Array.from({ length: N }, (_, i) => BigInt(i % 5)) },
  };
}

describe('Conv -> BatchNormalization folding', () => {
  it('folds the eligible pairs only', () => {
    const model = parseModel(convBnNet('float'));
    expect(foldConvBatchNorm(model)).toBe(2);
    expect(model.graph.node.filter((n) => n.opType === 'BatchNormalization')).toHaveLength(1);
    const folded = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy' });
    const plain = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy', foldBatchNorm: false });
    expect(folded.params.map((p) => p.name)).toEqual(plain.params.map((p) => p.name));
    expect(folded.params.map((p) => p.name)).not.toContain('bn1.running_mean');
    expect(Array.from(folded.theta)).toEqual(Array.from(plain.theta));
  });

  // Folding pays where the weights (M·C·k per pair) are no larger than the Conv's output over a batch (rows·M·H·W):
  // c1 (3·3·3 = 27 weights a channel, 6×6 outputs) folds from 1 row; c2 (2·3·3 = 18 a channel, strided to 2×2)
  // from 5 rows (4 rows: 16 < 18); the third pair never (its Conv output is read twice).
  it('batchRows folds only the pairs whose weights are no larger than their output over the batch', () => {
    expect(weightSideRewritePays(['batch', 4, 2, 2], [4, 2, 3, 3], 4)).toBe(false);
    expect(weightSideRewritePays(['batch', 4, 2, 2], [4, 2, 3, 3], 5)).toBe(true);
    expect(weightSideRewritePays(['batch', 4, 'h', 2], [4, 2, 3, 3], 1)).toBe(true); // unknown spatial dims: fold, as before
    const count = (batchRows?: number) => buildGradientModels(convBnNet('float'), { loss: 'cross-entropy', batchRows }).foldedBatchNorms;
    expect([count(), count(1), count(4), count(5), count(64)]).toEqual([2, 1, 1, 2, 2]);
  });

  it('batchRowsFor: the batch rows a score will run, as a power of two no larger', () => {
    const arrays = (n: number, bytesPerSample: number) => ({
      x: { dtype: 'float32', shape: [n, bytesPerSample / 4], data: new Float32Array((n * bytesPerSample) / 4) },
      y: { dtype: 'int64', shape: [n], data: new BigInt64Array(n) },
    });
    expect(batchRowsFor(arrays(8, 3072), undefined, undefined)).toBe(8); // ResNet-18's bench data: one batch of 8
    expect(batchRowsFor(arrays(100, 64), undefined, undefined)).toBe(64);
    expect(batchRowsFor(arrays(100, 64), 10, undefined)).toBe(8); // the batch size given
    expect(batchRowsFor(arrays(100, 64), undefined, 20)).toBe(16); // a subset of the samples
    // defaultBatchSize's bound by bytes: 32 MiB over 3 MiB + 8 bytes a sample gives 10 rows
    expect(batchRowsFor(arrays(100, 3 * 2 ** 20), undefined, undefined)).toBe(8);
  });

  it('partly folded (batchRows): the same loss and gradient as unfolded', async () => {
    const partly = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy', batchRows: 4 });
    const plain = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy', foldBatchNorm: false });
    expect([partly.foldedBatchNorms, plain.foldedBatchNorms]).toEqual([1, 0]);
    const d = data('float');
    const a = await gradientAtTheta(partly, 'node', d);
    const b = await gradientAtTheta(plain, 'node', d);
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5 * Math.abs(b.loss));
    expect(relErrNorm(a.grad, b.grad)).toBeLessThan(1e-5);
  });

  it('the gradient equals directional central differences of the loss (float32: ORT has no float64 Conv)', async () => {
    const folded = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy' });
    const d = data('float');
    const r = await GradientRunner.create(folded, 'node', 'live');
    const theta = Float64Array.from(folded.theta);
    const { grad } = await r.run(Float32Array.from(theta), d);
    const gnorm = Math.hypot(...grad);
    const rnd = rng(5);
    for (let k = 0; k < 6; k++) {
      const dir = Float64Array.from(theta, () => rnd());
      const norm = Math.hypot(...dir);
      const h = 1e-2 / norm;
      const lp = (await r.run(Float32Array.from(theta, (t, i) => t + h * dir[i]), d)).loss;
      const lm = (await r.run(Float32Array.from(theta, (t, i) => t - h * dir[i]), d)).loss;
      const gDir = grad.reduce((a, gi, i) => a + gi * dir[i], 0) / norm;
      expect(Math.abs((lp - lm) / (2 * h * norm) - gDir)).toBeLessThan(2e-3 * gnorm + 1e-5);
    }
    await r.release();
  });

  it.each(['node', 'web'] as const)('float32, gated (%s): same loss and gradient as unfolded', async (runtime) => {
    const folded = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy' });
    const plain = buildGradientModels(convBnNet('float'), { loss: 'cross-entropy', foldBatchNorm: false });
    expect(folded.gates).not.toBeNull();
    const d = data('float');
    const out = [];
    for (const g of [folded, plain]) {
      out.push(await gradientAtTheta(g, runtime, d));
    }
    expect(Math.abs(out[0].loss - out[1].loss)).toBeLessThan(1e-5 * Math.abs(out[1].loss));
    expect(relErrNorm(out[0].grad, out[1].grad)).toBeLessThan(1e-5);
  });
});
