// The input gradient of strided 2-D Convs in its polyphase form (convAdjoint in src/onnx/rules/linear.ts: one
// unit-stride Conv of the output gradient with s^2*Cin channels, DepthToSpace, crop), forced on, against a float64
// direct evaluation of the adjoint sum dX[n, c, i, j] = sum over m, kh, kw with o*s + k - p = (i, j) of
// G[n, m, o] W[m, c, k]. The loss is L = sum(Y * G) with fixed G, so grad:p_x is exactly that sum; the check is
// elementwise, so a wrong phase order, window offset or crop fails it (not only on average).
import fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { decodeModel } from '../src/onnx/load.js';
import { NCHWC_DOMAIN } from '../src/onnx/nchwc.js';
import { probeNchwcBlock, type ProbeRuntime } from '../src/onnx/nchwc-probe.js';
import { adjointTuning } from '../src/onnx/rules/linear.js';
import { buildModel, prod, Rng } from './helpers/onnx-builders.js';

const cpuFlags = process.platform === 'linux' ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';

interface Case {
  x: number[]; // [N, C, H, W]
  w: number[]; // [M, C, kh, kw]
  strides: number[];
  pads: number[]; // [pt, pl, pb, pr]
}

function directAdjoint(c: Case, g: Float64Array, gd: number[], w: Float64Array): Float64Array {
  const [n, ch, h, wi] = c.x;
  const [m, , kh, kw] = c.w;
  const [, , ho, wo] = gd;
  const dx = new Float64Array(prod(c.x));
  for (let b = 0; b < n; b++)
    for (let o = 0; o < m; o++)
      for (let y = 0; y < ho; y++)
        for (let z = 0; z < wo; z++) {
          const gv = g[((b * m + o) * ho + y) * wo + z];
          for (let cc = 0; cc < ch; cc++)
            for (let p = 0; p < kh; p++) {
              const i = y * c.strides[0] + p - c.pads[0];
              if (i < 0 || i >= h) continue;
              for (let q = 0; q < kw; q++) {
                const j = z * c.strides[1] + q - c.pads[1];
                if (j < 0 || j >= wi) continue;
                dx[((b * ch + cc) * h + i) * wi + j] += gv * w[((o * ch + cc) * kh + p) * kw + q];
              }
            }
        }
  return dx;
}

async function check(c: Case, nchwcBlock?: number) {
  const rng = new Rng(7);
  const [n, ch, h, wi] = c.x;
  const [m, , kh, kw] = c.w;
  const ho = Math.floor((h + c.pads[0] + c.pads[2] - kh) / c.strides[0]) + 1;
  const wo = Math.floor((wi + c.pads[1] + c.pads[3] - kw) / c.strides[1]) + 1;
  const gd = [n, m, ho, wo];
  // float32-representable values, so that the reference sees exactly what onnxruntime sees
  const gv = Float64Array.from(Float32Array.from(rng.normals(prod(gd))));
  const wv = Float64Array.from(Float32Array.from(rng.normals(prod(c.w))));
  const xv = Float32Array.from(rng.normals(prod(c.x)));
  const model = buildModel({
    inputs: [{ name: 'w', type: 'float', dims: c.w }],
    nodes: [
      { op: 'Conv', inputs: ['p_x', 'w'], outputs: ['y'], attrs: { strides: c.strides, pads: c.pads, kernel_shape: [kh, kw] }, name: 'conv' },
      { op: 'Mul', inputs: ['y', 'gfix'], outputs: ['yg'], name: 'mul' },
      { op: 'ReduceSum', inputs: ['yg'], outputs: ['L'], attrs: { keepdims: 0 }, name: 'sum' },
    ],
    initializers: [
      { name: 'p_x', type: 'float', dims: c.x, values: xv },
      { name: 'gfix', type: 'float', dims: gd, values: gv },
    ],
    outputs: [{ name: 'L', type: 'float', dims: [] }],
  });
  const gm = buildGradientModels(model, { loss: 'output:L', params: /^p_/, nchwcBlock });
  const nodes = decodeModel(gm.live).graph.node;
  // The adjoint's Conv reads M channels; the forward one C (nchwc.ts needs whole blocks, or more than one).
  const eligible = (i: number) => !!nchwcBlock && (i % nchwcBlock === 0 || (i > nchwcBlock && i % 4 === 0));
  // The path under test is taken (and, with the block, its Conv is a blocked one).
  // (With whole blocks of C the interleave is a Transpose of the blocked tensor instead of the DepthToSpace.)
  const blockedInterleave = eligible(m) && ch % nchwcBlock! === 0;
  expect(nodes.some((nd) => nd.opType === 'DepthToSpace')).toBe(!blockedInterleave);
  expect(nodes.some((nd) => nd.opType === 'ConvTranspose')).toBe(false);
  if (nchwcBlock) expect(nodes.filter((nd) => nd.domain === NCHWC_DOMAIN && nd.opType === 'Conv').length).toBe(+eligible(m) + +eligible(ch));
  const s = await ort.InferenceSession.create(gm.live);
  const out = await s.run({ p_x: new ort.Tensor('float32', xv, c.x), w: new ort.Tensor('float32', Float32Array.from(wv), c.w) });
  await s.release();
  const got = out['grad:p_x'];
  expect([...got.dims]).toEqual(c.x);
  const ref = directAdjoint(c, gv, gd, wv);
  const scale = Math.max(...ref.map(Math.abs));
  let err = 0;
  (got.data as Float32Array).forEach((v, i) => (err = Math.max(err, Math.abs(v - ref[i]))));
  // float32 sums of at most M*kh*kw/s^2 products of unit normals: observed <= 3e-7 of the largest entry.
  expect(err / scale).toBeLessThan(2e-6);
}

const cases: [string, Case][] = [
  ['3x3 stride 2 pad 1, even size (resnet\'s downsampling)', { x: [2, 16, 8, 8], w: [16, 16, 3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
  ['3x3 stride 2 pad 1, odd size 9x7 (output_padding)', { x: [2, 3, 9, 7], w: [8, 3, 3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
  ['3x3 stride 2, no pads, odd size (unused trailing rows)', { x: [1, 4, 9, 10], w: [5, 4, 3, 3], strides: [2, 2], pads: [0, 0, 0, 0] }],
  ['3x3 stride 3, asymmetric pads', { x: [2, 5, 11, 10], w: [6, 5, 3, 3], strides: [3, 3], pads: [2, 0, 1, 2] }],
  ['5x5 stride 2 pad 2, 33x33 (odd)', { x: [1, 4, 33, 33], w: [8, 4, 5, 5], strides: [2, 2], pads: [2, 2, 2, 2] }],
  ['5x5 stride 3 pad 1', { x: [2, 3, 13, 14], w: [4, 3, 5, 5], strides: [3, 3], pads: [1, 1, 1, 1] }],
  ['7x7 stride 2 pad 3 (torchvision stem), 3 -> 16 channels, 17x17', { x: [2, 3, 17, 17], w: [16, 3, 7, 7], strides: [2, 2], pads: [3, 3, 3, 3] }],
  ['2x2 stride 2 (patchify), no pads', { x: [2, 6, 8, 6], w: [7, 6, 2, 2], strides: [2, 2], pads: [0, 0, 0, 0] }],
  ['1x1 stride 2 (resnet\'s shortcut), odd size', { x: [2, 8, 9, 9], w: [16, 8, 1, 1], strides: [2, 2], pads: [0, 0, 0, 0] }],
  ['1x1 stride 3 with a pad (phases without taps)', { x: [1, 3, 8, 7], w: [4, 3, 1, 1], strides: [3, 3], pads: [1, 0, 0, 1] }],
  ['16 -> 16 channels, 3x3 stride 2 pad 1, odd size 9x11', { x: [2, 16, 9, 11], w: [16, 16, 3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }],
  ['16 -> 32 channels, 5x5 stride 3 pad 2, 10x10', { x: [1, 16, 10, 10], w: [32, 16, 5, 5], strides: [3, 3], pads: [2, 2, 2, 2] }],
  ['pad wider than the kernel', { x: [1, 2, 7, 7], w: [3, 2, 3, 3], strides: [2, 2], pads: [4, 0, 3, 4] }],
];

describe('Conv input gradient, polyphase form (forced) vs a float64 direct adjoint', () => {
  const saved = adjointTuning.polyphase;
  beforeAll(() => {
    adjointTuning.polyphase = 'always';
  });
  afterAll(() => {
    adjointTuning.polyphase = saved;
  });
  it.each(cases)('%s', async (_name, c) => {
    await check(c);
  });
  // With the NCHWc rewrite (MLAS's block from the probe: 16 with AVX-512, 8 with AVX2): channel counts that fill the
  // block (then the interleave runs on the blocked tensor, nchwc.ts) and that do not.
  // On x86-64 with AVX2 / AVX-512F the probe must find the block (test/onnx.nchwc.test.ts asserts which); only a CPU
  // without blocked kernels may go without these cases.
  it.each(cases.filter(([name]) => /resnet|stem|odd size 9x7|16 -> /.test(name)))('%s, NCHWc rewrite on', async (_name, c) => {
    const block = await probeNchwcBlock(ort as unknown as ProbeRuntime);
    if (!block) {
      expect(process.arch === 'x64' && /\bavx2\b/.test(cpuFlags), 'x86-64 with AVX2 has blocked kernels').toBe(false);
      return;
    }
    await check(c, block);
  });
});
