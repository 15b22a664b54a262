// Vector-Jacobian products of MatMul, Gemm (float64) and Conv (float32: onnxruntime has no double Conv) against
// finite differences of the forward op.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOp, type OpCase } from './helpers/rule-check.js';
import type { AttrValue } from '../src/onnx/rules/types.js';
import { convTuning } from '../src/onnx/rules/linear.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { decodeModel } from '../src/onnx/load.js';
import { buildModel } from './helpers/onnx-builders.js';

const mm = (a: number[], b: number[]): OpCase => ({ op: 'MatMul', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: a }, { name: 'p_b', dims: b }] });
const gemm = (a: number[], b: number[], c: number[] | null, attrs: Record<string, AttrValue>): OpCase => ({
  op: 'Gemm',
  inputs: c ? ['p_a', 'p_b', 'p_c'] : ['p_a', 'p_b'],
  attrs,
  type: 'double',
  params: [{ name: 'p_a', dims: a }, { name: 'p_b', dims: b }, ...(c ? [{ name: 'p_c', dims: c }] : [])],
});
const conv = (x: number[], w: number[], attrs: Record<string, AttrValue>, bias = true): OpCase => ({
  op: 'Conv',
  inputs: bias ? ['p_x', 'p_w', 'p_b'] : ['p_x', 'p_w'],
  attrs,
  type: 'float',
  params: [{ name: 'p_x', dims: x }, { name: 'p_w', dims: w }, ...(bias ? [{ name: 'p_b', dims: [w[0]] }] : [])],
  h: 1e-2,
  rtol: 2e-3,
});

const cases: [string, OpCase][] = [
  ['MatMul 2-D x 2-D', mm([3, 4], [4, 5])],
  ['MatMul 3-D x 2-D', mm([2, 3, 4], [4, 5])],
  ['MatMul 2-D x 3-D', mm([3, 4], [2, 4, 5])],
  ['MatMul batched with broadcast batch dims', mm([2, 1, 3, 4], [3, 4, 2])],
  ['MatMul 1-D x 2-D', mm([4], [4, 3])],
  ['MatMul 1-D x 3-D', mm([4], [2, 4, 3])],
  ['MatMul 2-D x 1-D', mm([3, 4], [4])],
  ['MatMul 3-D x 1-D', mm([2, 3, 4], [4])],
  ['MatMul 1-D x 1-D', mm([5], [5])],
  ['Gemm default', gemm([3, 4], [4, 5], [5], {})],
  ['Gemm transA transB alpha beta, C [1, N]', gemm([4, 3], [5, 4], [1, 5], { transA: 1, transB: 1, alpha: { float: 0.7 }, beta: { float: -1.5 } })],
  ['Gemm transA only, C full', gemm([4, 3], [4, 5], [3, 5], { transA: 1, alpha: { float: 2.5 } })],
  ['Gemm transB only, scalar C', gemm([3, 4], [5, 4], [], { transB: 1, beta: { float: 0.5 } })],
  ['Gemm without C', gemm([3, 4], [4, 2], null, {})],
  ['Gemm alpha without transposes', gemm([3, 4], [4, 2], [3, 1], { alpha: { float: -0.6 }, beta: { float: 2 } })],
  ['Conv 2-D plain with bias', conv([2, 3, 6, 5], [4, 3, 3, 3], {})],
  ['Conv groups=2, stride 2, asymmetric pads, dilation 2', conv([2, 4, 9, 8], [6, 2, 3, 2], { group: 2, strides: [2, 2], pads: [1, 0, 2, 1], dilations: [2, 2] })],
  ['Conv stride 3 with unused trailing rows', conv([1, 2, 8, 7], [3, 2, 2, 2], { strides: [3, 2] })],
  ['Conv depthwise (group = channels), stride 2', conv([2, 3, 7, 7], [3, 1, 3, 3], { group: 3, strides: [2, 2], pads: [1, 1, 1, 1] })],
  ['Conv auto_pad SAME_UPPER stride 2', conv([1, 2, 7, 6], [2, 2, 3, 3], { auto_pad: 'SAME_UPPER', strides: [2, 2] }, false)],
  ['Conv auto_pad SAME_LOWER', conv([1, 2, 5, 6], [2, 2, 2, 3], { auto_pad: 'SAME_LOWER' })],
  ['Conv auto_pad VALID, stride 2', conv([1, 2, 7, 6], [2, 2, 3, 3], { auto_pad: 'VALID', strides: [2, 2] })],
  ['Conv 1-D, stride 2, pads, dilation', conv([2, 3, 11], [4, 3, 3], { strides: [2], pads: [2, 1], dilations: [2] })],
  ['Conv 3-D', conv([1, 2, 4, 5, 4], [2, 2, 2, 3, 2], { pads: [1, 0, 1, 0, 1, 0] })],
  // X as a graph input with symbolic batch and spatial dims: the rules must not rely on static shapes.
  ['Conv on a dynamic-shape input: groups=2, stride 2, pads, dilation (weights and bias)', convDynamic([2, 4, 9, 8], [6, 2, 3, 2], { group: 2, strides: [2, 2], pads: [1, 0, 2, 1], dilations: [2, 1] })],
  ['Conv on a dynamic-shape input, stride 3', convDynamic([3, 2, 8, 7], [3, 2, 2, 2], { strides: [3, 2] })],
  ['Conv input gradient with unknown spatial dims: groups=2, stride 2, pads, dilation', hideShape(conv([2, 4, 9, 8], [6, 2, 3, 2], { group: 2, strides: [2, 2], pads: [1, 0, 2, 1], dilations: [2, 1] }))],
  ['Conv input gradient with unknown spatial dims, stride 3', hideShape(conv([1, 2, 8, 7], [3, 2, 2, 2], { strides: [3, 2] }))],
  // Channel counts that are multiples of 8 with unit strides: the input gradient is a Conv with the flipped kernel.
  ['Conv 8 -> 8 channels, unit stride, asymmetric pads, dilation 2 (input gradient as a flipped-kernel Conv)', conv([1, 8, 6, 5], [8, 8, 3, 2], { pads: [1, 0, 2, 1], dilations: [2, 1] })],
  ['Conv 16 -> 8 channels, groups=2, unit stride, pads (input gradient as a grouped flipped-kernel Conv)', conv([1, 16, 5, 4], [8, 8, 3, 3], { group: 2, pads: [1, 1, 0, 2] })],
  ['Conv 1-D 8 -> 16 channels, unit stride, pads', conv([2, 8, 7], [16, 8, 3], { pads: [2, 1] })],
  ['Conv 8 -> 8 channels, unit stride, pad wider than the kernel (ConvTranspose path)', conv([1, 8, 4, 4], [8, 8, 2, 2], { pads: [2, 0, 0, 1] })],
  ['Conv 9x9 kernel over 12 channels, stride 2, pads (weight-gradient im2col on one-channel planes)', conv([1, 12, 12, 11], [2, 12, 9, 9], { strides: [2, 2], pads: [1, 0, 2, 1] })],
  // Few input channels, many taps, small outputs: the weight gradient as one Conv with the samples as channels.
  ['Conv 5x5 over 3 channels, asymmetric pads (weight gradient with samples as channels)', conv([2, 3, 7, 6], [4, 3, 5, 5], { pads: [2, 1, 2, 2] })],
  ['Conv 1-D 16-tap kernel over 2 channels, pads (weight gradient with samples as channels)', conv([3, 2, 20], [4, 2, 16], { pads: [1, 2] })],
  ['Conv 3-D 3x3x2 kernel over 2 channels (weight gradient with samples as channels)', conv([2, 2, 4, 5, 4], [3, 2, 3, 3, 2], { pads: [1, 1, 0, 1, 0, 1] })],
  ['ConvTranspose stride 2, pads, output_padding', convT([2, 3, 4, 5], [3, 2, 3, 3], { strides: [2, 2], pads: [1, 0, 1, 1], output_padding: [1, 0] })],
  ['ConvTranspose groups=2, dilation 2, stride 3', convT([1, 4, 3, 4], [4, 3, 2, 3], { group: 2, strides: [3, 2], dilations: [2, 1], pads: [0, 1, 1, 0] })],
  ['ConvTranspose 1-D without bias', convT([2, 2, 5], [2, 3, 4], { strides: [2] }, false)],
  ['Einsum batched attention scores bhqd,bhkd->bhqk', einsum('bhqd,bhkd->bhqk', [[2, 2, 3, 4], [2, 2, 5, 4]])],
  ['Einsum with a letter summed in one operand only (ij,jk->k)', einsum('ij,jk->k', [[3, 4], [4, 2]])],
  ['Einsum of three operands with a transposed output', einsum('ab, bc ,cd->da', [[2, 3], [3, 4], [4, 2]])],
];

function convT(x: number[], w: number[], attrs: Record<string, AttrValue>, bias = true): OpCase {
  return { ...conv(x, w, attrs, bias), op: 'ConvTranspose', params: [{ name: 'p_x', dims: x }, { name: 'p_w', dims: w }, ...(bias ? [{ name: 'p_b', dims: [w[1] * ((attrs.group as number) ?? 1)] }] : [])] };
}

function einsum(equation: string, dims: number[][]): OpCase {
  const names = dims.map((_, i) => `p_${i}`);
  return { op: 'Einsum', inputs: names, attrs: { equation }, type: 'double', params: dims.map((d, i) => ({ name: names[i], dims: d })) };
}

/** Feeds the op Reshape(p_x, Shape(d)) with d a graph input of symbolic shape: x's static dims become unknown. */
function hideShape(c: OpCase): OpCase {
  const x = c.params[0];
  return {
    ...c,
    inputs: ['x1', ...c.inputs.slice(1)],
    preNodes: [
      { op: 'Shape', inputs: ['d'], outputs: ['ds'], name: 'shape_d' },
      { op: 'Reshape', inputs: ['p_x', 'ds'], outputs: ['x1'], name: 'hide' },
    ],
    data: [{ name: 'd', type: 'float', dims: x.dims, declared: x.dims.map((_, i) => `d${i}`), values: new Array(x.dims.reduce((a, b) => a * b, 1)).fill(0) }],
  };
}

function convDynamic(x: number[], w: number[], attrs: Record<string, AttrValue>): OpCase {
  const c = conv(x, w, attrs);
  return {
    ...c,
    inputs: ['x', 'p_w', 'p_b'],
    params: c.params.slice(1),
    data: [{ name: 'x', type: 'float', dims: x, declared: ['N', x[1], 'H', 'W'], values: Array.from({ length: x.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(1.7 * i + 0.3)) }],
  };
}

describe('linear rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});

// Past the im2col memory budget the weight gradient takes the per-offset GEMM form: the same checks with a zero budget.
describe('linear rules: Conv weight gradients in the per-offset form (im2col budget 0)', () => {
  const saved = convTuning.im2colMaxBytes;
  beforeAll(() => {
    convTuning.im2colMaxBytes = 0;
  });
  afterAll(() => {
    convTuning.im2colMaxBytes = saved;
  });
  it.each(cases.filter(([name]) => /^Conv(Transpose)? .*(groups|stride 2|1-D)/.test(name) && !/dynamic|unknown/.test(name)))('%s', async (_name, c) => {
    await checkOp(c);
  });
});

// Below 8 input channels the im2col patches are strided Slices of the padded input (convTuning); the same Conv
// checks with that form switched off exercise the one-hot Conv form on few channels too, and with it raised past
// every case here, the Slice form on the 8-, 12- and 16-channel cases.
describe.each([
  ['one-hot Conv form everywhere', 0],
  ['Slice form everywhere', 1 << 20],
])('linear rules: Conv weight gradients, im2col patches by the %s', (_label, threshold) => {
  const saved = convTuning.sliceIm2colBelowChannels;
  beforeAll(() => {
    convTuning.sliceIm2colBelowChannels = threshold;
  });
  afterAll(() => {
    convTuning.sliceIm2colBelowChannels = saved;
  });
  it.each(cases.filter(([name]) => /^Conv(Transpose)? /.test(name)))('%s', async (_name, c) => {
    await checkOp(c);
  });
});

// The weight gradient as one Conv with the samples as channels (convTuning.swapBelowChannels): the cases above that
// take it, checked to take it, and the same cases with it switched off (the one-hot im2col form).
const swapped = cases.filter(([name]) => name.includes('samples as channels'));
describe('linear rules: Conv weight gradients with the samples as channels', () => {
  it.each(swapped)('%s: the gradient model correlates the transposed input with the transposed output gradient', (_name, c) => {
    const x = c.params[0].dims;
    const model = buildModel({
      nodes: [{ op: 'Conv', inputs: ['x', 'p_w', 'p_b'], outputs: ['y'], attrs: c.attrs }, { op: 'ReduceSum', inputs: ['y'], outputs: ['L'], attrs: { keepdims: 0 } }],
      initializers: [{ name: 'p_w', type: 'float', dims: c.params[1].dims, values: new Array<number>(c.params[1].dims.reduce((a, b) => a * b, 1)).fill(0.1) },
        { name: 'p_b', type: 'float', dims: c.params[2].dims, values: new Array<number>(c.params[2].dims[0]).fill(0) }],
      inputs: [{ name: 'x', type: 'float', dims: x }],
      outputs: [{ name: 'L', type: 'float', dims: [] }],
    });
    const countSwapped = () => {
      const g = decodeModel(buildGradientModels(model, { loss: 'output:L', params: /^p_/ }).live).graph;
      const producer = new Map(g.node.flatMap((n) => n.output.map((o) => [o, n.opType] as const)));
      return g.node.filter((n) => n.opType === 'Conv' && producer.get(n.input[0]) === 'Transpose' && producer.get(n.input[1]) === 'Transpose').length;
    };
    expect(countSwapped()).toBe(1);
    const saved = convTuning.swapBelowChannels;
    convTuning.swapBelowChannels = 0;
    try {
      expect(countSwapped()).toBe(0);
    } finally {
      convTuning.swapBelowChannels = saved;
    }
  });
  describe('switched off (one-hot im2col form)', () => {
    const saved = convTuning.swapBelowChannels;
    beforeAll(() => {
      convTuning.swapBelowChannels = 0;
    });
    afterAll(() => {
      convTuning.swapBelowChannels = saved;
    });
    it.each(swapped)('%s', async (_name, c) => {
      await checkOp(c);
    });
  });
});

// The first layer's im2col patches hoisted into the gate model (GradientOptions.hoistBytesPerSample): the Conv reads a
// data input, so the gate model computes the patches once and the gated gradient reads them. checkOp verifies the live
// gradient against finite differences of the forward op and the gated one (here: with the hoisted patches) against
// the live one at θ; each case must have hoisted its patches (a gate ending in ":patches"), through each im2col form:
// Slices (< 8 channels), the depthwise one-hot Conv, and the one-channel planes (12 channels, 9x9 kernel).
function convOnData(x: number[], w: number[], attrs: Record<string, AttrValue>, hoistBytesPerSample = 1 << 20): OpCase {
  const c = conv(x, w, attrs);
  return {
    ...c,
    inputs: ['x', 'p_w', 'p_b'],
    params: c.params.slice(1),
    data: [{ name: 'x', type: 'float', dims: x, values: Array.from({ length: x.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(1.7 * i + 0.3)) }],
    build: { hoistBytesPerSample },
  };
}
const hoisted: [string, OpCase][] = [
  ['3 channels, pads (Slice patches)', convOnData([2, 3, 6, 5], [4, 3, 3, 3], { pads: [1, 1, 1, 1] })],
  ['groups=2, stride 2, asymmetric pads, dilation 2', convOnData([2, 4, 9, 8], [6, 2, 3, 2], { group: 2, strides: [2, 2], pads: [1, 0, 2, 1], dilations: [2, 2] })],
  ['8 channels, stride 2 (depthwise one-hot Conv patches)', convOnData([2, 8, 7, 6], [4, 8, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] })],
  ['12 channels, 9x9 kernel, stride 2 (one-channel planes)', convOnData([1, 12, 12, 11], [2, 12, 9, 9], { strides: [2, 2], pads: [1, 0, 2, 1] })],
  ['1-D, stride 2, pads, dilation', convOnData([2, 3, 11], [4, 3, 3], { strides: [2], pads: [2, 1], dilations: [2] })],
  ['3-D', convOnData([1, 2, 4, 5, 4], [2, 2, 2, 3, 2], { pads: [1, 0, 1, 0, 1, 0] })],
];
describe('linear rules: Conv weight gradients with the data\'s im2col patches hoisted into the gate model', () => {
  it.each(hoisted)('%s', async (_name, c) => {
    const r = await checkOp(c);
    expect(r.gates.filter((n) => n.endsWith(':patches'))).toHaveLength(1);
  });
  it('hoists nothing past the allowance (one byte per sample short of the patches)', async () => {
    // 3 channels x 9 offsets x 6x5 outputs x 4 bytes per sample
    const need = 3 * 9 * 30 * 4;
    expect((await checkOp(convOnData([2, 3, 6, 5], [4, 3, 3, 3], { pads: [1, 1, 1, 1] }, need - 1))).gates).toEqual([]);
    expect((await checkOp(convOnData([2, 3, 6, 5], [4, 3, 3, 3], { pads: [1, 1, 1, 1] }, need))).gates).toHaveLength(1);
  });
});
