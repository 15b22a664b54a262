// Issue 3, "Done when" 4: a model built here from the patterns PyTorch exports (embedding Gather, learned positions
// added by broadcasting, LayerNormalization, attention with Softmax, residual additions, GELU in its Erf form and as
// the opset-20 Gelu op, and the tanh approximation with Pow, Dropout in inference, a dynamic view(B, -1) through Shape/Gather/Concat/Reshape,
// BatchNormalization with running statistics, a Gemm head) differentiates correctly: the builder's gradient equals
// central finite differences of the loss, all computed by onnxruntime in float64.
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { OnnxMaker, rng } from './helpers/onnx-maker.js';
import { relErrNorm } from './helpers/gradient-runner.js';

const B = 4, T = 5, V = 11, D = 8, F = 12, C = 3;

function transformerLike(opset: number, gelu: 'erf' | 'tanh' | 'op', dtype: 'double' | 'float'): Uint8Array {
  const m = new OnnxMaker(dtype);
  const r = rng(opset * 7 + (gelu === 'op' ? 1 : 0));
  const w = (name: string, dims: number[], scale = 0.4) => m.init(name, dims, () => scale * r());
  const x = m.input('x', ['batch', T], 'int64');
  const E = w('embed.weight', [V, D], 1);
  const h0 = m.op('Gather', [E, x], { axis: 0 });
  const h = m.op('Add', [h0, w('pos', [T, D])]);
  const lnW = m.init('ln.weight', [D], () => 1 + 0.2 * r());
  const lnB = w('ln.bias', [D], 0.1);
  let ln: string;
  if (opset >= 17) ln = m.op('LayerNormalization', [h, lnW, lnB], { axis: -1, epsilon: { float: 1e-5 } });
  else {
    // before opset 17 the TorchScript exporter writes layer_norm out in primitives
    const mean = (t: string) => m.op('ReduceMean', [t], { axes: [-1], keepdims: 1 });
    const d = m.op('Sub', [h, mean(h)]);
    const std = m.op('Sqrt', [m.op('Add', [mean(m.op('Pow', [d, m.constant([], [2])])), m.constant([], [1e-5])])]);
    ln = m.op('Add', [m.op('Mul', [m.op('Div', [d, std]), lnW]), lnB]);
  }
  const q = m.op('Add', [m.op('MatMul', [ln, w('attn.q.weight', [D, D])]), w('attn.q.bias', [D], 0.1)]);
  const k = m.op('MatMul', [ln, w('attn.k.weight', [D, D])]);
  const v = m.op('MatMul', [ln, w('attn.v.weight', [D, D])]);
  const scores = m.op('Div', [m.op('MatMul', [q, m.op('Transpose', [k], { perm: [0, 2, 1] })]), m.constant([], [Math.sqrt(D)])]);
  const attn = m.op('Softmax', [scores], { axis: -1 });
  const h2 = m.op('Add', [h, m.op('MatMul', [m.op('MatMul', [attn, v]), w('attn.o.weight', [D, D])])]);
  const up = m.op('Add', [m.op('MatMul', [h2, w('mlp.fc1.weight', [D, F])]), w('mlp.fc1.bias', [F], 0.1)]);
  let act: string;
  if (gelu === 'op') act = m.op('Gelu', [up]);
  else if (gelu === 'tanh') {
    // F.gelu(x, approximate='tanh'): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    const cube = m.op('Pow', [up, m.constant([], [3])]);
    const inner = m.op('Mul', [m.op('Add', [up, m.op('Mul', [cube, m.constant([], [0.044715])])]), m.constant([], [Math.sqrt(2 / Math.PI)])]);
    act = m.op('Mul', [m.op('Mul', [up, m.constant([], [0.5])]), m.op('Add', [m.op('Tanh', [inner]), m.constant([], [1])])]);
  } else {
    const erf = m.op('Erf', [m.op('Div', [up, m.constant([], [Math.SQRT2])])]);
    act = m.op('Mul', [m.op('Mul', [up, m.op('Add', [erf, m.constant([], [1])])]), m.constant([], [0.5])]);
  }
  const down = m.op('Add', [m.op('MatMul', [act, w('mlp.fc2.weight', [F, D])]), w('mlp.fc2.bias', [D], 0.1)]);
  const h3 = m.op('Dropout', [m.op('Add', [h2, down])]);
  const pooled = opset >= 18
    ? m.op('ReduceMean', [h3, m.constant([1], [1], 'int64')], { keepdims: 0 })
    : m.op('ReduceMean', [h3], { axes: [1], keepdims: 0 });
  // x.view(x.size(0), -1) as the TorchScript exporter writes it
  const batch = m.op('Gather', [m.op('Shape', [pooled]), m.constant([], [0], 'int64')], { axis: 0 });
  const shape = m.op('Concat', [m.op('Unsqueeze', [batch, m.constant([1], [0], 'int64')]), m.constant([1], [-1], 'int64')], { axis: 0 });
  const flat = m.op('Reshape', [pooled, shape]);
  const bn = m.op('BatchNormalization', [flat, m.init('bn.weight', [D], () => 1 + 0.3 * r()), w('bn.bias', [D], 0.1),
    m.init('bn.running_mean', [D], () => 0.1 * r()), m.init('bn.running_var', [D], () => 1 + 0.5 * Math.abs(r()))], { epsilon: { float: 1e-5 } });
  m.node('Gemm', [bn, w('head.weight', [C, D]), w('head.bias', [C], 0.1)], { transB: 1 }, ['logits']);
  m.output('logits', ['batch', C]);
  return m.bytes(opset);
}

const EXPECTED_PARAMS = ['embed.weight', 'pos', 'ln.weight', 'ln.bias', 'attn.q.weight', 'attn.q.bias', 'attn.k.weight',
  'attn.v.weight', 'attn.o.weight', 'mlp.fc1.weight', 'mlp.fc1.bias', 'mlp.fc2.weight', 'mlp.fc2.bias', 'bn.weight', 'bn.bias',
  'head.weight', 'head.bias'];

function feeds(dtype: 'double' | 'float') {
  const r = rng(99);
  const xs = BigInt64Array.from({ length: B * T }, () => BigInt(Math.floor((r() + 1) * 0.5 * V) % V));
  const ys = BigInt64Array.from({ length: B }, (_, i) => BigInt(i % C));
  return { dtype, x: new ort.Tensor('int64', xs, [B, T]), labels: new ort.Tensor('int64', ys, [B]) };
}

async function lossAndGrad(session: ort.InferenceSession, params: { name: string; dims: number[]; offset: number; size: number }[], theta: Float64Array, f: ReturnType<typeof feeds>) {
  const inputs: Record<string, ort.Tensor> = { x: f.x, labels: f.labels };
  for (const p of params) {
    const slice = theta.subarray(p.offset, p.offset + p.size);
    inputs[p.name] = f.dtype === 'double' ? new ort.Tensor('float64', Float64Array.from(slice), p.dims) : new ort.Tensor('float32', Float32Array.from(slice), p.dims);
  }
  const out = await session.run(inputs);
  const grad = new Float64Array(theta.length);
  for (const p of params) grad.set(Array.from(out[`grad:${p.name}`].data as Float64Array, Number), p.offset);
  return { loss: Number(out.loss.data[0]), grad };
}

describe.each([
  { opset: 13, gelu: 'tanh' as const, dtype: 'double' as const },
  { opset: 17, gelu: 'tanh' as const, dtype: 'double' as const },
  { opset: 18, gelu: 'tanh' as const, dtype: 'double' as const },
  { opset: 17, gelu: 'erf' as const, dtype: 'float' as const },
  { opset: 20, gelu: 'op' as const, dtype: 'float' as const },
  { opset: 21, gelu: 'tanh' as const, dtype: 'double' as const },
])('PyTorch-like transformer block, opset $opset, GELU $gelu, $dtype', ({ opset, gelu, dtype }) => {
  const g = buildGradientModels(transformerLike(opset, gelu, dtype), { loss: 'cross-entropy' });

  it('takes the floating initializers except the BatchNormalization running statistics, in model order', () => {
    expect(g.params.map((p) => p.name)).toEqual(EXPECTED_PARAMS);
    expect(g.gates).toBeNull(); // every op here is smooth
  });

  it('gradient equals central finite differences of the loss', async () => {
    const session = await ort.InferenceSession.create(g.live);
    const f = feeds(dtype);
    const theta = Float64Array.from(g.theta);
    const { loss, grad } = await lossAndGrad(session, g.params, theta, f);
    expect(Number.isFinite(loss)).toBe(true);
    const fd = new Float64Array(theta.length);
    if (dtype === 'double') {
      // every coordinate, h = 1e-6: truncation and rounding both far below the 1e-6 tolerance
      for (let j = 0; j < theta.length; j++) {
        const t = Float64Array.from(theta);
        t[j] = theta[j] + 1e-6;
        const lp = (await lossAndGrad(session, g.params, t, f)).loss;
        t[j] = theta[j] - 1e-6;
        const lm = (await lossAndGrad(session, g.params, t, f)).loss;
        fd[j] = (lp - lm) / 2e-6;
      }
      expect(relErrNorm(grad, fd)).toBeLessThan(1e-6);
    } else {
      // float32 (ORT has no float64 Erf or Gelu kernel): directional derivatives along random directions, h = 1e-2
      const r = rng(5);
      for (let k = 0; k < 6; k++) {
        const dir = Float64Array.from(theta, () => r());
        const norm = Math.hypot(...dir);
        dir.forEach((_, i) => (dir[i] /= norm));
        const h = 1e-2;
        const lp = (await lossAndGrad(session, g.params, theta.map((t, i) => t + h * dir[i]), f)).loss;
        const lm = (await lossAndGrad(session, g.params, theta.map((t, i) => t - h * dir[i]), f)).loss;
        const fdDir = (lp - lm) / (2 * h);
        const gDir = grad.reduce((a, gi, i) => a + gi * dir[i], 0);
        expect(Math.abs(fdDir - gDir)).toBeLessThan(2e-3 * Math.hypot(...grad) + 1e-5);
      }
    }
    await session.release();
  });
});
