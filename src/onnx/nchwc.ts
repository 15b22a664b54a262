// onnxruntime's blocked (NCHWc) convolution kernels for Convs whose weights are graph inputs (issue 9, item 5).
//
// onnxruntime's own NchwcTransformer rewrites a Conv to its `com.microsoft.nchwc` Conv only when the weights are a
// constant initializer, because it reorders them once at load time. In the gradient model the weights are inputs, so
// this pass does what the transformer does with the reordering moved into the graph: the weight tensor is padded to
// the block size and transposed into the kernel's OIHWBiBo layout by ordinary Pad/Reshape/Transpose nodes, the data
// input goes through ReorderInput (shared by every Conv reading the same tensor, skipped when it comes straight from
// another blocked Conv) and the output through ReorderOutput back to NCHW.
//
// The layout depends on MLAS's block size (8 with AVX2, 16 with AVX-512), which JavaScript cannot query: callers get
// it from `probeNchwcBlock` (nchwc-probe.ts), which runs this pass on a two-Conv model per candidate and checks it
// against a float64 direct convolution, and skip this pass when the probe finds none (onnxruntime-web, another
// runtime, wrong numbers, any error).
//
// Measured (issue 9, item 5; `npm run bench:gradient -- --nchwc-ab`, the plain gradient twice and this one twice in
// one alternating rotation, load 5-7 on the 2-core machine): resnet8's gated gradient 12-16% faster than the plain one
// (per-round ratios 0.85-0.87 against 0.98-1.02 for the second plain copy); lenet, one Conv rewritten, within the
// noise. Per layer, a chain of four 3x3 Conv+Relu layers (256 images): 16 ch at 32x32 134 -> 118 ms with a reorder
// around every Conv, 101 ms blocked throughout; 32 ch at 16x16 136 -> 103 / 105 ms; 64 ch at 8x8 116 -> 70 / 70 ms
// (onnxruntime's own NCHWc with constant weights: 96, 90, 72 ms). In the gradient model the NCHW tensors are needed
// anyway (the weight gradients' im2col and MatMul read them), so every rewritten Conv keeps its two reorders.
// Not kept: the weight gradient as one NCHWc Conv with batch and channels swapped (the images' samples as channels,
// the output gradient reordered into a Ho x Wo kernel): 16-26% less kernel time than im2col + MatMul on 32 and 64
// channels but not on 16, and on the whole resnet8 gradient slower than without it (759 against 664 ms, same run).
//
// A DCR DepthToSpace of a rewritten Conv (the polyphase input gradients of strided Convs, rules/linear.ts) whose
// channels per phase fill whole blocks becomes a Transpose of the blocked tensor that moves whole blocks, followed
// by the ReorderOutput (instead of ReorderOutput then DepthToSpace, which moves single floats): for [256, 64, 16, 16]
// -> [256, 16, 32, 32], one process, load 5.5, kernel time median / min of 21 runs: DepthToSpace 13.7 / 9.4 ms
// (CRD 23.7 / 11.6), the blocked Transpose 8.1 / 6.9 ms.
import { encodeAttr, encodeTensor } from './emitter.js';
import { DataType, isDefaultDomain, tensorToInts, type ModelProto, type NodeProto, type TensorProto } from './load.js';
import type { ShapeInfo } from './shapes.js';
import { nodeReads } from './graph.js';

export const NCHWC_DOMAIN = 'com.microsoft.nchwc';

export interface NchwcResult {
  /** Convs rewritten to the blocked kernel. */
  converted: number;
}

function intsAttr(n: NodeProto, name: string): number[] | undefined {
  const a = n.attribute.find((x) => x.name === name);
  return a?.ints ? a.ints.map(Number) : undefined;
}
function intAttr(n: NodeProto, name: string, fallback: number): number {
  const a = n.attribute.find((x) => x.name === name);
  return a && a.i !== undefined && a.i !== null ? Number(a.i) : fallback;
}
function strAttr(n: NodeProto, name: string): string | undefined {
  const a = n.attribute.find((x) => x.name === name);
  return a?.s ? new TextDecoder().decode(a.s) : undefined;
}

/**
 * Rewrites every eligible Conv of `model` (in place) to onnxruntime's NCHWc Conv. Eligible: default domain, float,
 * 2-D, group 1, no dilation, explicit pads, static weight shape [O, I, kh, kw] with I a multiple of the block (or
 * above it and a multiple of 4: ReorderInput zero-pads the channels, the weights get zero rows), weights not a
 * constant (onnxruntime blocks those itself). Convs with fewer input channels than the block stay plain: their NCHW
 * input form (OIHWBo) measured no faster here (lenet's 1 -> 6 and 6 -> 16, resnet8's 3 -> 16 stem). `pays`, when
 * given, decides per Conv from its output name and weight dims (src/onnx/rewrite-pays.ts).
 */
export function convertConvsToNchwc(
  model: ModelProto, shapeOf: (t: string) => ShapeInfo | undefined, block: number,
  pays?: (convOutput: string, weightDims: number[]) => boolean,
): NchwcResult {
  const g = model.graph;
  const constants = new Set<string>(g.initializer.map((t) => t.name ?? ''));
  for (const n of g.node) if (n.opType === 'Constant') for (const o of n.output) constants.add(o);
  const taken = new Set<string>();
  for (const n of g.node) for (const t of [...n.input, ...n.output]) taken.add(t);
  for (const t of [...g.input, ...g.output]) taken.add(t.name);
  for (const t of g.initializer) taken.add(t.name ?? '');
  const initByName = new Map(g.initializer.map((t) => [t.name ?? '', t]));
  const producer = new Map<string, NodeProto>();
  for (const n of g.node) for (const o of n.output) if (o) producer.set(o, n);
  const constInts = (t: string | undefined): number[] | undefined => {
    const init = t ? initByName.get(t) : undefined;
    if (!init || (init.dataType !== DataType.INT64 && init.dataType !== DataType.INT32)) return undefined;
    try {
      return tensorToInts(init).map(Number);
    } catch {
      return undefined;
    }
  };
  // Static dims of a tensor; through a Slice with constant arguments when the inference left them symbolic (the
  // flipped kernels of the input gradients are Slices with negative steps).
  const staticDims = (t: string, depth = 0): number[] | undefined => {
    const d = shapeOf(t)?.dims;
    if (d && d.every((x) => typeof x === 'number' && x >= 0)) return d as number[];
    const p = producer.get(t);
    if (!p || depth > 4 || p.opType !== 'Slice' || !isDefaultDomain(p)) return undefined;
    const base = staticDims(p.input[0], depth + 1);
    const starts = constInts(p.input[1]);
    const ends = constInts(p.input[2]);
    if (!base || !starts || !ends || starts.length !== ends.length) return undefined;
    const axes = p.input[3] ? constInts(p.input[3]) : starts.map((_, k) => k);
    const steps = p.input[4] ? constInts(p.input[4]) : starts.map(() => 1);
    if (!axes || !steps || axes.length !== starts.length || steps.length !== starts.length) return undefined;
    return sliceDims(base, starts, ends, axes, steps);
  };
  let counter = 0;
  const fresh = (base: string) => {
    let name: string;
    do name = `sane/nchwc/${base}_${++counter}`;
    while (taken.has(name));
    taken.add(name);
    return name;
  };
  const inits: TensorProto[] = [];
  const intsConst = new Map<string, string>();
  const ints = (v: number[]) => {
    const key = v.join(',');
    let name = intsConst.get(key);
    if (!name) {
      name = fresh('ints');
      inits.push(encodeTensor(name, { type: 'int64', dims: [v.length], values: v }));
      intsConst.set(key, name);
    }
    return name;
  };
  const out: NodeProto[] = [];
  const emit = (opType: string, inputs: string[], attrs: Record<string, number | number[]> = {}, domain = '', output?: string): string => {
    const o = output ?? fresh(opType);
    out.push({ opType, name: fresh(`${opType}_node`), input: inputs, output: [o], attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)), domain });
    return o;
  };
  const up = (c: number) => Math.ceil(c / block) * block;
  // tensor -> its blocked twin (channels = the logical count)
  const blocked = new Map<string, { name: string; channels: number }>();
  const reorderedWeights = new Map<string, string>();
  let converted = 0;

  for (const n of g.node) {
    if (n.opType === 'DepthToSpace' && isDefaultDomain(n) && blockedDepthToSpace(n)) continue;
    const plan = n.opType === 'Conv' && isDefaultDomain(n) ? planConv(n) : undefined;
    if (!plan) {
      out.push(n);
      continue;
    }
    const { x, w, b, o, i, k } = plan;
    const op = up(o);
    const ip = up(i);
    // weights [O, I, kh, kw] -> OIHWBiBo: [Op/B, Ip/B, kh, kw, Bi, Bo] read as [Op, Ip, kh, kw]
    let wr = reorderedWeights.get(w);
    if (!wr) {
      let wp = w;
      if (op !== o || ip !== i) wp = emit('Pad', [w, ints([0, 0, 0, 0, op - o, ip - i, 0, 0])], {});
      const w6 = emit('Reshape', [wp, ints([op / block, block, ip / block, block, k[0], k[1]])]);
      wr = emit('Reshape', [emit('Transpose', [w6], { perm: [0, 2, 4, 5, 3, 1] }), ints([op, ip, k[0], k[1]])]);
      reorderedWeights.set(w, wr);
    }
    let bias: string | undefined;
    if (b) bias = op !== o ? emit('Pad', [b, ints([0, op - o])]) : b;
    const tw = blocked.get(x);
    let xb: string;
    if (tw && tw.channels === i) xb = tw.name;
    else {
      xb = emit('ReorderInput', [x], {}, NCHWC_DOMAIN);
      blocked.set(x, { name: xb, channels: i });
    }
    const attrs: Record<string, number | number[]> = {};
    for (const a of ['kernel_shape', 'pads', 'strides', 'dilations'] as const) {
      const v = intsAttr(n, a);
      if (v) attrs[a] = v;
    }
    const yb = emit('Conv', bias ? [xb, wr, bias] : [xb, wr], attrs, NCHWC_DOMAIN);
    emit('ReorderOutput', [yb], { channels: o }, NCHWC_DOMAIN, n.output[0]);
    blocked.set(n.output[0], { name: yb, channels: o });
    converted++;
  }
  if (converted > 0) {
    g.node = removeDead(out, new Set(g.output.map((o) => o.name)));
    g.initializer.push(...inits);
  }
  if (converted > 0 && !model.opsetImport.some((o) => o.domain === NCHWC_DOMAIN)) model.opsetImport.push({ domain: NCHWC_DOMAIN, version: 1 });
  return { converted };

  /**
   * A DCR DepthToSpace of a blocked Conv's output whose channels per phase fill whole blocks (the polyphase adjoints
   * of linear.ts): the interleave on the blocked tensor, where every phase of a channel block is a [.., H, W, B]
   * slab, is a Transpose that moves B-float runs ([N, s, s, C/B, H, W, B] -> [N, C/B, H, s, W, s, B]) and yields
   * the blocked form of the result, and the one ReorderOutput then reorders that instead of the Conv's output.
   */
  function blockedDepthToSpace(n: NodeProto): boolean {
    const src = blocked.get(n.input[0]);
    const s = intAttr(n, 'blocksize', 0);
    if (!src || s < 2 || (strAttr(n, 'mode') ?? 'DCR') !== 'DCR' || src.channels % (s * s * block) !== 0) return false;
    const d = shapeOf(n.input[0])?.dims;
    if (!d || d.length !== 4 || !d.slice(1).every((x) => typeof x === 'number' && x > 0)) return false;
    const [, , h, w] = d as number[];
    const c = src.channels / (s * s);
    const x7 = emit('Reshape', [src.name, ints([-1, s, s, c / block, h, w, block])]);
    const t = emit('Transpose', [x7], { perm: [0, 3, 4, 1, 5, 2, 6] });
    const yb = emit('Reshape', [t, ints([-1, c, h * s, w * s])]);
    emit('ReorderOutput', [yb], { channels: c }, NCHWC_DOMAIN, n.output[0]);
    blocked.set(n.output[0], { name: yb, channels: c });
    return true;
  }

  function planConv(n: NodeProto) {
    const [x, w, b] = n.input;
    if (!x || !w || constants.has(w)) return undefined;
    if (intAttr(n, 'group', 1) !== 1) return undefined;
    const autoPad = strAttr(n, 'auto_pad');
    if (autoPad && autoPad !== 'NOTSET') return undefined;
    // Dilated kernels: MLAS has them, but the probe does not check them.
    if ((intsAttr(n, 'dilations') ?? []).some((d) => d !== 1)) return undefined;
    // The type from either input (the inference may have lost X's after a Pad); X's channels are W's I (group 1;
    // onnxruntime refuses a mismatch at run time).
    const types = [shapeOf(x)?.elemType, shapeOf(w)?.elemType];
    if (!types.includes(DataType.FLOAT) || types.some((t) => t && t !== DataType.FLOAT)) return undefined;
    const xd = shapeOf(x)?.dims;
    if (xd && xd.length !== 4) return undefined;
    const wd = staticDims(w);
    if (!wd || wd.length !== 4 || !wd.every((d) => d > 0)) return undefined;
    const [o, i, kh, kw] = wd;
    const ks = intsAttr(n, 'kernel_shape');
    if (ks && (ks[0] !== kh || ks[1] !== kw)) return undefined;
    // The input is reordered (ReorderInput zero-pads channels to the block, but needs a multiple of 4).
    if (i % block !== 0 && !(i > block && i % 4 === 0)) return undefined;
    // Where the weights outweigh the activations, their reordering in every gradient costs more than the blocked
    // kernel saves (src/onnx/rewrite-pays.ts).
    if (pays && !pays(n.output[0], wd)) return undefined;
    return { x, w, b: b || undefined, o, i, k: [kh, kw] };
  }
}

/** ONNX Slice's output dims for constant arguments (negative indices count from the end; clamped per the step's sign). */
export function sliceDims(dims: number[], starts: number[], ends: number[], axes: number[], steps: number[]): number[] | undefined {
  const out = [...dims];
  for (let k = 0; k < axes.length; k++) {
    const ax = axes[k] < 0 ? axes[k] + dims.length : axes[k];
    const step = steps[k];
    if (ax < 0 || ax >= dims.length || step === 0) return undefined;
    const n = dims[ax];
    const norm = (v: number) => (v < 0 ? v + n : v);
    let s = norm(starts[k]);
    let e = norm(ends[k]);
    if (step > 0) {
      s = Math.min(Math.max(s, 0), n);
      e = Math.min(Math.max(e, 0), n);
      out[ax] = Math.max(0, Math.ceil((e - s) / step));
    } else {
      s = Math.min(Math.max(s, 0), n - 1);
      e = Math.min(Math.max(e, -1), n - 1);
      out[ax] = Math.max(0, Math.ceil((s - e) / -step));
    }
  }
  return out;
}

/** Drops nodes none of whose outputs is read (the ReorderOutputs every consumer of which now reads the blocked twin). */
function removeDead(nodes: NodeProto[], graphOutputs: Set<string>): NodeProto[] {
  const keep = new Array<boolean>(nodes.length).fill(false);
  const read = new Set(graphOutputs);
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k];
    if (n.output.some((o) => o && read.has(o))) {
      keep[k] = true;
      for (const i of nodeReads(n)) read.add(i);
    }
  }
  return nodes.filter((_, k) => keep[k]);
}
