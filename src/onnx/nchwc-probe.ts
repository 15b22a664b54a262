// Which NCHWc block size onnxruntime's MLAS uses in this process (8 with AVX2, 16 with AVX-512), found by running:
// JavaScript cannot ask MlasNchwcGetBlockSize(). For each candidate, a probe model of two Convs with weights as
// inputs (bias, output channels padded to the block, input channels padded by ReorderInput, stride 2, asymmetric
// pads: every feature of nchwc.ts) is rewritten by `convertConvsToNchwc` and run; the candidate whose outputs agree
// with a direct convolution computed here in float64 is the block size. No candidate agreeing (onnxruntime-web, whose
// WebAssembly build has no NCHWc kernels; another CPU; any error) gives undefined: callers keep plain Convs.
import { convertConvsToNchwc } from './nchwc.js';
import { DataType, serializeModel, valueInfo, type ModelProto, type NodeProto } from './load.js';
import { encodeAttr } from './emitter.js';
import type { ShapeInfo } from './shapes.js';

/** The parts of onnxruntime's JavaScript API the probe uses (onnxruntime-node's module object). */
export interface ProbeRuntime {
  InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<{
      run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown }>>;
      release(): Promise<void>;
    }>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}

export const NCHWC_BLOCK_CANDIDATES = [16, 8, 4, 32];

interface ConvCase {
  x: string;
  w: string;
  b?: string;
  y: string;
  xDims: number[];
  wDims: number[];
  pads: number[];
  strides: number[];
}

const CASES: ConvCase[] = [
  // 32 input channels (whole blocks of every candidate up to 32), 20 outputs (padded to the block), bias, pads 1.
  { x: 'x1', w: 'w1', b: 'b1', y: 'y1', xDims: [2, 32, 6, 7], wDims: [20, 32, 3, 3], pads: [1, 1, 1, 1], strides: [1, 1] },
  // 36 input channels: above 4, 8, 16 and 32 without filling their blocks (ReorderInput pads them), stride 2,
  // asymmetric pads, no bias.
  { x: 'x2', w: 'w2', y: 'y2', xDims: [3, 36, 7, 6], wDims: [12, 36, 3, 2], pads: [1, 0, 0, 1], strides: [2, 2] },
];

function probeModel(): { model: ModelProto; shapes: Map<string, ShapeInfo> } {
  const shapes = new Map<string, ShapeInfo>();
  const inputs = [];
  const nodes: NodeProto[] = [];
  for (const c of CASES) {
    for (const [name, dims] of [[c.x, c.xDims], [c.w, c.wDims], ...(c.b ? [[c.b, [c.wDims[0]]] as const] : [])] as const) {
      inputs.push(valueInfo(name, DataType.FLOAT, [...dims]));
      shapes.set(name, { elemType: DataType.FLOAT, dims: [...dims] });
    }
    nodes.push({
      opType: 'Conv',
      name: `conv_${c.y}`,
      input: c.b ? [c.x, c.w, c.b] : [c.x, c.w],
      output: [c.y],
      attribute: [encodeAttr('kernel_shape', c.wDims.slice(2)), encodeAttr('pads', c.pads), encodeAttr('strides', c.strides)],
      domain: '',
    });
  }
  const model: ModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'onnx-sane',
    graph: { name: 'nchwc_probe', node: nodes, initializer: [], input: inputs, output: CASES.map((c) => valueInfo(c.y, DataType.FLOAT)), valueInfo: [] },
  };
  return { model, shapes };
}

/** Deterministic values in [-1, 1) (a small LCG: the probe needs no statistical quality). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Direct 2-D correlation in float64 (the reference). */
export function directConv(x: Float32Array, xd: number[], w: Float32Array, wd: number[], b: Float32Array | undefined, pads: number[], strides: number[]): Float64Array {
  const [n, c, h, wi] = xd;
  const [o, , kh, kw] = wd;
  const oh = Math.floor((h + pads[0] + pads[2] - kh) / strides[0]) + 1;
  const ow = Math.floor((wi + pads[1] + pads[3] - kw) / strides[1]) + 1;
  const y = new Float64Array(n * o * oh * ow);
  for (let s = 0; s < n; s++)
    for (let m = 0; m < o; m++)
      for (let p = 0; p < oh; p++)
        for (let q = 0; q < ow; q++) {
          let acc = b ? b[m] : 0;
          for (let ch = 0; ch < c; ch++)
            for (let u = 0; u < kh; u++) {
              const r = p * strides[0] + u - pads[0];
              if (r < 0 || r >= h) continue;
              for (let v = 0; v < kw; v++) {
                const col = q * strides[1] + v - pads[1];
                if (col < 0 || col >= wi) continue;
                acc += x[((s * c + ch) * h + r) * wi + col] * w[((m * c + ch) * kh + u) * kw + v];
              }
            }
          y[((s * o + m) * oh + p) * ow + q] = acc;
        }
  return y;
}

async function agrees(ort: ProbeRuntime, block: number): Promise<boolean> {
  const { model, shapes } = probeModel();
  if (convertConvsToNchwc(model, (t) => shapes.get(t), block).converted !== CASES.length) return false;
  const session = await ort.InferenceSession.create(serializeModel(model), { graphOptimizationLevel: 'all', intraOpNumThreads: 1, logSeverityLevel: 4 });
  try {
    const feeds: Record<string, unknown> = {};
    const refs: Float64Array[] = [];
    CASES.forEach((c, k) => {
      const x = values(c.xDims.reduce((a, d) => a * d, 1), 11 + k);
      const w = values(c.wDims.reduce((a, d) => a * d, 1), 23 + k);
      const b = c.b ? values(c.wDims[0], 37 + k) : undefined;
      feeds[c.x] = new ort.Tensor('float32', x, c.xDims);
      feeds[c.w] = new ort.Tensor('float32', w, c.wDims);
      if (c.b && b) feeds[c.b] = new ort.Tensor('float32', b, [c.wDims[0]]);
      refs.push(directConv(x, c.xDims, w, c.wDims, b, c.pads, c.strides));
    });
    const out = await session.run(feeds);
    return CASES.every((c, k) => {
      const y = out[c.y]?.data;
      const ref = refs[k];
      if (!(y instanceof Float32Array) || y.length !== ref.length) return false;
      let scale = 0;
      for (const v of ref) scale = Math.max(scale, Math.abs(v));
      for (let i = 0; i < ref.length; i++) if (!(Math.abs(y[i] - ref[i]) <= 1e-4 * scale)) return false;
      return true;
    });
  } finally {
    await session.release();
  }
}

const cache = new WeakMap<object, Promise<number | undefined>>();

/**
 * MLAS's NCHWc block size for Convs run by `ort` (onnxruntime-node's module), or undefined when no candidate gives
 * the right numbers. Probed once per module object and process; never throws.
 */
export function probeNchwcBlock(ort: ProbeRuntime): Promise<number | undefined> {
  let hit = cache.get(ort);
  if (!hit) {
    hit = (async () => {
      for (const block of NCHWC_BLOCK_CANDIDATES) {
        try {
          if (await agrees(ort, block)) return block;
        } catch {
          // an op or a layout this onnxruntime does not have: the next candidate
        }
      }
      return undefined;
    })();
    cache.set(ort, hit);
  }
  return hit;
}
