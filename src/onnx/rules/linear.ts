// Gemm, MatMul (batched, broadcast, 1-D operands), Conv, ConvTranspose and Einsum. Conv's input gradient is a
// ConvTranspose with the same weights, or for unit strides a Conv with the flipped kernel, or for some strided 2-D
// Convs one Conv computing every stride phase at once (polyphaseAdjoint) (and ConvTranspose's a Conv);
// the weight gradients are one batched MatMul of im2col patches (built by a Conv with one-hot kernels, or by strided
// Slices for inputs of fewer than 8 channels) with the output gradient, or past a memory budget one GEMM per kernel
// offset.
import type { AttrValue, Rule, RuleContext, RuleTable } from './types.js';
import {
  castLike,
  floatAttr,
  gradOut,
  needs,
  nulls,
  rankOf,
  reduceSum,
  RuleError,
  shape,
  squeeze,
  staticDims,
  transposeLast2,
  unsqueeze,
} from './util.js';

const MatMul: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [a, b] = ctx.node.input;
    const ra = rankOf(ctx, a, 'MatMul input A');
    const rb = rankOf(ctx, b, 'MatMul input B');
    const needA = needs(ctx, 0);
    const needB = needs(ctx, 1);
    if (ra >= 2 && rb >= 2) {
      if (needA) out[0] = ctx.unbroadcast(ctx.op('MatMul', [g, transposeLast2(ctx, b, rb)]), a);
      if (needB) out[1] = ctx.unbroadcast(ctx.op('MatMul', [transposeLast2(ctx, a, ra), g]), b);
    } else if (ra === 1 && rb === 1) {
      if (needA) out[0] = ctx.op('Mul', [g, b]);
      if (needB) out[1] = ctx.op('Mul', [g, a]);
    } else if (ra === 1) {
      // a [k], b [..., k, m], g [..., m]
      if (needA) out[0] = ctx.unbroadcast(squeeze(ctx, ctx.op('MatMul', [b, unsqueeze(ctx, g, [-1])]), [-1]), a);
      if (needB) out[1] = ctx.unbroadcast(ctx.op('Mul', [unsqueeze(ctx, a, [-1]), unsqueeze(ctx, g, [-2])]), b);
    } else {
      // a [..., n, k], b [k], g [..., n]
      if (needA) out[0] = ctx.unbroadcast(ctx.op('Mul', [unsqueeze(ctx, g, [-1]), b]), a);
      if (needB) out[1] = ctx.unbroadcast(squeeze(ctx, ctx.op('MatMul', [unsqueeze(ctx, g, [-2]), a]), [-2]), b);
    }
    return out;
  },
};

/** Y = alpha op(A) op(B) + beta C. Every product is again a Gemm with the right transposition flags. */
const Gemm: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [a, b] = ctx.node.input;
    const alpha = ctx.attr<number>('alpha', 1);
    const beta = ctx.attr<number>('beta', 1);
    const ta = ctx.attr<number>('transA', 0) ? 1 : 0;
    const tb = ctx.attr<number>('transB', 0) ? 1 : 0;
    const gemm = (x: string, y: string, tx: number, ty: number) =>
      ctx.op('Gemm', [x, y], { alpha: floatAttr(alpha), transA: tx, transB: ty });
    if (needs(ctx, 0)) out[0] = ta ? gemm(b, g, tb, 1) : gemm(g, b, 0, 1 - tb);
    if (needs(ctx, 1)) out[1] = tb ? gemm(g, a, 1, ta) : gemm(a, g, 1 - ta, 0);
    if (needs(ctx, 2)) {
      const gc = beta === 1 ? g : ctx.op('Mul', [g, ctx.scalarLike(beta, g)]);
      out[2] = ctx.unbroadcast(gc, ctx.node.input[2]);
    }
    return out;
  },
};

interface ConvGeometry {
  nsp: number;
  kernel: number[];
  strides: number[];
  dilations: number[];
  group: number;
  /** Explicit begin pads and end pads. */
  pb: number[];
  pe: number[];
  /** Static spatial dims of X, when known. */
  spatial?: number[];
}

/** Resolves kernel, strides, dilations and explicit pads (auto_pad needs static spatial dims of X). */
export function convGeometry(ctx: RuleContext, x: string, kernelFromW?: number[]): ConvGeometry {
  const kAttr = ctx.attr<number[] | undefined>('kernel_shape', undefined);
  const kernel = kAttr ?? kernelFromW;
  if (!kernel) throw new RuleError(`the kernel shape is unknown (no kernel_shape attribute and no static weight shape)`);
  const nsp = kernel.length;
  const ones = new Array<number>(nsp).fill(1);
  const strides = ctx.attr<number[]>('strides', ones);
  const dilations = ctx.attr<number[]>('dilations', ones);
  const group = ctx.attr<number>('group', 1);
  const xd = ctx.info(x).dims;
  const spatial = xd && xd.length === nsp + 2 && xd.slice(2).every((d) => d >= 0) ? xd.slice(2) : undefined;
  const autoPad = ctx.attr<string>('auto_pad', 'NOTSET');
  let pb: number[];
  let pe: number[];
  if (autoPad === 'NOTSET') {
    const pads = ctx.attr<number[]>('pads', new Array<number>(2 * nsp).fill(0));
    pb = pads.slice(0, nsp);
    pe = pads.slice(nsp);
  } else if (autoPad === 'VALID') {
    pb = ones.map(() => 0);
    pe = ones.map(() => 0);
  } else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    if (!spatial) throw new RuleError(`auto_pad=${autoPad} needs the static spatial shape of the input, which is unknown`);
    pb = [];
    pe = [];
    for (let i = 0; i < nsp; i++) {
      const o = Math.ceil(spatial[i] / strides[i]);
      const total = Math.max(0, (o - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - spatial[i]);
      const small = Math.floor(total / 2);
      pb.push(autoPad === 'SAME_UPPER' ? small : total - small);
      pe.push(autoPad === 'SAME_UPPER' ? total - small : small);
    }
  } else {
    throw new RuleError(`auto_pad=${autoPad} is not supported`);
  }
  return { nsp, kernel, strides, dilations, group, pb, pe, spatial };
}

/**
 * The adjoint of a strided, dilated, padded correlation with weights `w` ([Cin, Cout/group, k...] for ConvTranspose):
 * ConvTranspose(g, w) cropped to the input's spatial shape. With static spatial dims the crop is exact through the end
 * pads / output_padding; otherwise an output_padding of stride-1 over-covers and a Slice to Shape(x) crops.
 */
export function convAdjoint(ctx: RuleContext, g: string, w: string, x: string, geo: ConvGeometry, group: number): string {
  const { nsp, kernel, strides, dilations, pb, pe, spatial } = geo;
  // Unit strides: the adjoint is a plain Conv with the flipped, in/out-swapped kernel ("full" padding minus the forward
  // pads). When both channel counts are multiples of 8, onnxruntime runs that Conv in its blocked (NCHWc) layout about
  // 3x faster than the equivalent ConvTranspose (resnet8: 35 -> 11 ms); with other channel counts (lenet's 16 -> 6)
  // the ConvTranspose is the faster of the two.
  const fullPad = kernel.map((k, i) => (k - 1) * dilations[i]);
  // With ctx.nchwc that Conv becomes an NCHWc Conv (nchwc.ts) whenever its input channels (W's first axis) fill
  // whole blocks, whatever its output channels (lenet's 16 -> 6).
  const wd = staticDims(ctx, w);
  const blocked = !!wd && ((wd[0] % 8 === 0 && (wd[1] * group) % 8 === 0) || (!!ctx.nchwc && group === 1 && wd[0] % ctx.nchwc.block === 0));
  if (blocked && strides.every((s) => s === 1) && pb.every((p, i) => p <= fullPad[i]) && pe.every((p, i) => p <= fullPad[i])) {
    return ctx.op('Conv', [g, flippedAdjointKernel(ctx, w, nsp, group)], {
      kernel_shape: kernel,
      dilations,
      group,
      pads: [...fullPad.map((f, i) => f - pb[i]), ...fullPad.map((f, i) => f - pe[i])],
    });
  }
  const poly = polyphaseAdjoint(ctx, g, w, geo, group);
  if (poly) return poly;
  const base: Record<string, AttrValue> = { kernel_shape: kernel, strides, dilations, group };
  if (spatial) {
    const pads2: number[] = [];
    const outPad: number[] = [];
    for (let i = 0; i < nsp; i++) {
      const span = spatial[i] + pb[i] + pe[i] - (kernel[i] - 1) * dilations[i] - 1;
      if (span < 0) throw new RuleError(`the kernel is larger than the padded input`);
      const r = span % strides[i];
      if (pe[i] >= r) {
        pads2.push(pe[i] - r);
        outPad.push(0);
      } else {
        pads2.push(0);
        outPad.push(r - pe[i]);
      }
    }
    const attrs: Record<string, AttrValue> = { ...base, pads: [...pb, ...pads2] };
    if (outPad.some((p) => p > 0)) attrs.output_padding = outPad;
    return ctx.op('ConvTranspose', [g, w], attrs);
  }
  const attrs: Record<string, AttrValue> = { ...base, pads: [...pb, ...new Array<number>(nsp).fill(0)] };
  const op = strides.map((s) => s - 1);
  if (op.some((p) => p > 0)) attrs.output_padding = op;
  const full = ctx.op('ConvTranspose', [g, w], attrs);
  const axes = Array.from({ length: nsp }, (_, i) => i + 2);
  const ends = ctx.op('Slice', [shape(ctx, x), ctx.ints([2]), ctx.ints([nsp + 2])]);
  return ctx.op('Slice', [full, ctx.ints(new Array<number>(nsp).fill(0)), ends, ctx.ints(axes)]);
}

/** The strided adjoint's polyphase form: 'auto' where it measured faster (polyphaseWins); tests force it. */
export const adjointTuning: { polyphase: 'auto' | 'always' | 'never' } = { polyphase: 'auto' };

/**
 * The polyphase (sub-pixel) form of a strided adjoint (2-D, group 1, dilation 1, equal strides, static shapes).
 * Row i = q*s + a of dX (phase a) is the sum over o of g[o] W[k] with o*s + k = i + pb: the taps k = t*s + r_a
 * (r_a = (a + pb) mod s) against rows o = q + c_a - t (c_a = floor((a + pb) / s)), so every phase is a unit-stride
 * correlation of g with a sub-kernel of the flipped W. Aligned on one window (begin pad P, size U, zero taps where a
 * phase has fewer), all s^2 phases of both axes are ONE Conv of g with s^2*Cin output channels, which nchwc.ts runs
 * blocked, then DepthToSpace (DCR: channel (a*s + b)*Cin + c is phase (a, b) of channel c; nchwc.ts does that
 * interleave on the blocked tensor when Cin fills whole blocks) and a crop of the rows past X. The sub-kernels are
 * one Gather of W's [M, C] tap planes plus a zero plane for the empty taps.
 */
function polyphaseAdjoint(ctx: RuleContext, g: string, w: string, geo: ConvGeometry, group: number): string | undefined {
  const { nsp, kernel, strides, dilations, pb, spatial } = geo;
  if (adjointTuning.polyphase === 'never' || nsp !== 2 || group !== 1 || !spatial) return undefined;
  const s = strides[0];
  if (s === 1 || strides[1] !== s || dilations.some((d) => d !== 1)) return undefined; // DepthToSpace: one block size
  const wd = staticDims(ctx, w);
  const gd = ctx.info(g).dims;
  if (!wd || !gd || gd.length !== 4 || !gd.slice(2).every((d) => typeof d === 'number' && d >= 0)) return undefined;
  if (adjointTuning.polyphase === 'auto' && !polyphaseWins(ctx, wd, kernel, s)) return undefined;
  const [m, c] = wd;
  // Per axis: the window (P, U) and, per phase and window offset, the kernel tap (-1: none).
  const [h, v] = kernel.map((k, ax) => {
    const phases = Array.from({ length: s }, (_, a) => {
      const r = (a + pb[ax]) % s;
      return { r, c: Math.floor((a + pb[ax]) / s), taps: Math.max(0, Math.ceil((k - r) / s)) };
    });
    const live = phases.filter((p) => p.taps > 0);
    const P = Math.max(0, ...live.map((p) => p.taps - 1 - p.c));
    const U = Math.max(1, ...live.map((p) => P + p.c + 1));
    const tap = phases.map((p) =>
      Array.from({ length: U }, (_, u) => {
        const t = (P + p.c - u) * s + p.r;
        return t >= 0 && t < k ? t : -1;
      }),
    );
    // The Conv's rows G + P + pe - U + 1 should be ceil(X / s); where that needs a negative end pad, the extra rows
    // are cropped with the rest.
    const G = gd[2 + ax] as number;
    const pe = Math.max(0, Math.ceil(spatial[ax] / s) - G - P + U - 1);
    return { P, U, tap, pe, rows: G + P + pe - U + 1 };
  });
  const kk = kernel[0] * kernel[1];
  const idx: number[] = []; // [s, s, Uh, Uw] -> a flat kernel offset, or kk for the zero plane
  for (let a = 0; a < s; a++)
    for (let b = 0; b < s; b++)
      for (let u1 = 0; u1 < h.U; u1++)
        for (let u2 = 0; u2 < v.U; u2++) {
          const t1 = h.tap[a][u1];
          const t2 = v.tap[b][u2];
          idx.push(t1 < 0 || t2 < 0 ? kk : t1 * kernel[1] + t2);
        }
  // Taps outermost, so that the Gather copies whole [M, C] planes (on the last axis it copied single floats, and
  // took longer than the Conv for 256 -> 512 channels).
  const taps = ctx.op('Transpose', [ctx.op('Reshape', [w, ctx.ints([m, c, kk])])], { perm: [2, 0, 1] });
  const zero = ctx.op('Mul', [ctx.op('Slice', [taps, ctx.ints([0]), ctx.ints([1]), ctx.ints([0])]), ctx.scalarLike(0, w)]);
  const planes = ctx.op('Concat', [taps, zero], { axis: 0 });
  const gathered = ctx.op('Gather', [planes, ctx.constant({ type: 'int64', dims: [s, s, h.U, v.U], values: idx })], { axis: 0 });
  // [s, s, Uh, Uw, M, C] -> [s, s, C, M, Uh, Uw] -> [s*s*C, M, Uh, Uw]
  const kern = ctx.op('Reshape', [ctx.op('Transpose', [gathered], { perm: [0, 1, 5, 4, 2, 3] }), ctx.ints([s * s * c, m, h.U, v.U])]);
  const phased = ctx.op('Conv', [g, kern], { kernel_shape: [h.U, v.U], pads: [h.P, v.P, h.pe, v.pe] });
  const dx = ctx.op('DepthToSpace', [phased], { blocksize: s, mode: 'DCR' });
  if (h.rows * s === spatial[0] && v.rows * s === spatial[1]) return dx;
  return ctx.op('Slice', [dx, ctx.ints([0, 0]), ctx.ints(spatial), ctx.ints([2, 3])]);
}

/**
 * Where the polyphase form measured faster than the ConvTranspose: NCHWc on, W's M and C filling whole blocks (C so
 * that the interleave runs blocked, nchwc.ts; as a DepthToSpace it cost more than the ConvTranspose saved), M at most
 * 64 (ConvTranspose's GEMM then has a short inner dimension), kernels not smaller than the stride (a 1x1 kernel leaves
 * all phases but one empty). Measured on gradients of one-Conv models (forward Conv, loss, input gradient; kernel
 * times summed over nodes, each node's the minimum over the runs, so the least disturbed by the other processes;
 * one process, two copies of each form alternated, 256 images, 2 cores): resnet8's 16 -> 32 3x3 stride 2 at 32x32
 * 23.1 / 23.9 -> 16.9 / 17.1 ms over 41 runs at load 4.6 (25.0 / 26.0 -> 19.3 / 21.6 over 31 at load 6-8; the
 * ConvTranspose alone 13-14 ms), 32 -> 64 at 16x16 15.4 / 15.7 -> 11.8 / 11.4 ms (24.1 / 19.9 -> 14.5 / 15.5). The
 * whole gated resnet8 gradient, 21 runs at load 4.3: 245 / 237 -> 226 / 226 ms (ConvTranspose 28 -> 6 ms, the 1x1
 * shortcuts'); its wall-time medians, 740 / 688 -> 693 / 719 ms, do not resolve a difference that small here.
 * Not kept (21 runs each, load 6-8): 1x1 stride 2 (16 -> 32 at 32x32: 16.1 / 16.8 -> 18.1 / 16.4 ms, wall medians
 * 40 / 41 -> 48 / 48 ms), 64 -> 128 at 56x56 (32 images: 90 / 127 -> 100 / 89 ms, no clear gain, and the weight
 * reordering grows with M*C), the 7x7 stride-2 stem of 3 channels (a DepthToSpace: 181 / 188 -> 176 / 167 ms for 16
 * 224x224 images, within the noise, and the images' gradient is rarely wanted).
 */
function polyphaseWins(ctx: RuleContext, wd: number[], kernel: number[], s: number): boolean {
  const block = ctx.nchwc?.block;
  return !!block && wd[0] % block === 0 && wd[0] <= 64 && wd[1] % block === 0 && kernel.every((k) => k >= s);
}

/**
 * W [Cin, Cout/G, k...] (ConvTranspose layout) as the Conv kernel [Cout, Cin/G, k...] of its adjoint: in/out channels
 * swapped within each group and every spatial axis reversed.
 */
function flippedAdjointKernel(ctx: RuleContext, w: string, nsp: number, group: number): string {
  const sp = Array.from({ length: nsp }, (_, i) => i + 2);
  let t: string;
  if (group === 1) {
    t = ctx.op('Transpose', [w], { perm: [1, 0, ...sp] });
  } else {
    const wd = staticDims(ctx, w);
    if (!wd) throw new RuleError(`the weight shape of a grouped Conv is not static`);
    const [cin, coutg] = wd;
    const grouped = ctx.op('Reshape', [w, ctx.ints([group, cin / group, coutg, ...wd.slice(2)])]);
    const swapped = ctx.op('Transpose', [grouped], { perm: [0, 2, 1, ...sp.map((a) => a + 1)] });
    t = ctx.op('Reshape', [swapped, ctx.ints([coutg * group, cin / group, ...wd.slice(2)])]);
  }
  const big = -(2 ** 31); // clamps to "through index 0" for a negative step
  const n = sp.length;
  return ctx.op('Slice', [t, ctx.ints(new Array<number>(n).fill(-1)), ctx.ints(new Array<number>(n).fill(big)), ctx.ints(sp), ctx.ints(new Array<number>(n).fill(-1))]);
}

/**
 * Memory budget of the weight gradient's im2col patches (tests lower it to exercise the per-offset form), and the
 * channel count below which the patches are strided Slices of the padded input rather than a one-hot Conv: with few
 * input channels onnxruntime runs that Conv with its NCHWc kernel and reorders the output back to NCHW, which cost
 * lenet's first layer (1 channel) more than the copies. Same-run A/B of the whole gradient, Slices against one-hot
 * Conv, medians of 9: lenet 76 / 84, 80 / 88, 148 / 152, 155 / 176 ms; resnet8 (3-channel stem) 655 / 666,
 * 640 / 644 ms. But with 6 channels (lenet's second Conv, 5x5, once the shapes through its Pad were known) the 25
 * Slices took 9.1 ms against the Conv's 7.2 ms, the whole gradient's kernels 49.5 / 52.2 against 42.8 / 44.7 ms: so
 * Slices only for 1-3 channels (grey and colour images).
 */
export const convTuning = { im2colMaxBytes: 2 ** 30, sliceIm2colBelowChannels: 4, swapBelowChannels: 8, swapMinKernel: 16, swapMaxPositions: 256 };

const Conv: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [x, w] = ctx.node.input;
    const wd = staticDims(ctx, w);
    const geo = convGeometry(ctx, x, wd?.slice(2));
    const spAxes = Array.from({ length: geo.nsp }, (_, i) => i + 2);
    if (needs(ctx, 0)) out[0] = convAdjoint(ctx, g, w, x, geo, geo.group);
    if (needs(ctx, 1)) {
      if (!wd) throw new RuleError(`the weight shape of Conv is not static`);
      out[1] = weightCorrelation(ctx, x, g, wd[0], wd[1], geo, hoistPatches(ctx, x, g, geo, wd[1]));
    }
    if (needs(ctx, 2)) out[2] = reduceSum(ctx, g, [0, ...spAxes], false);
    return out;
  },
};

/**
 * W[m, c, kk] = sum over n and output positions o of A[n, grp*ca + c, o*s + kk*d - pb] * K[n, grp*mg + m', o]: the
 * weight gradient of a convolution of A (the correlated input, channels G*ca) with K (the other side, channels m in
 * total, mg = m/G per group), as [m, ca, k...]. im2col by one Conv: every channel plane of A is correlated with
 * the one-hot kernels of the kernel offsets under the forward geometry, giving the patches [N, G, ca*kk, P] (P = output
 * positions, exactly K's spatial size); one MatMul batched over (N, G) with K as [N, G, P, mg] contracts the positions,
 * a ReduceSum the batch. (In onnxruntime this is about 2x faster on resnet8 than one GEMM per kernel offset on strided
 * slices of a channels-last copy, and much faster than one Conv in which the batch plays the channels: that Conv's
 * huge kernel takes a slow path.) Not kept either: the kernel's offsets split between the sides (A shifted along
 * columns by a 1 x kW one-hot Conv, K along rows by a kH x 1 one: kW + kH copies instead of kH * kW, one MatMul),
 * 6-16% faster on resnet8's single 3x3 layers but not on the whole gradient (228 / 227 ms against its control,
 * lenet 55 / 52 ms, load 1.7); nor chunking the batch (2x slower) or samples stacked into one tall image per channel.
 */
/**
 * The first layer's im2col patches depend on the data alone (lenet: 25 Slices and a Concat of the images, 13 of a
 * 54 ms gradient): when the builder grants it (ctx.hoist), the gate model computes them once per batch and the
 * gradient model reads them as a gate. Returns the wrapper for weightCorrelation's patches, or undefined.
 */
function hoistPatches(ctx: RuleContext, x: string, g: string, geo: ConvGeometry, ca: number): ((compute: () => string) => string) | undefined {
  if (!ctx.hoist || !ctx.dependsOnParams || ctx.dependsOnParams(x)) return undefined;
  // Static output sizes only: the patches' shape must then come from constants, not from the backward tensor g.
  const yd = ctx.info(g).dims;
  if (!yd || yd.length !== geo.nsp + 2 || yd.slice(2).some((d) => d < 0)) return undefined;
  const total = geo.kernel.reduce((p, q) => p * q, 1);
  const bytes = (ctx.info(x).elemType === 'double' ? 8 : 4) * geo.group * ca * total * yd.slice(2).reduce((p, q) => p * q, 1);
  return ctx.hoist(bytes) ? (compute) => ctx.gate('patches', compute, 'hoisted') : undefined;
}

function weightCorrelation(
  ctx: RuleContext, a: string, k: string, m: number, ca: number, geo: ConvGeometry, wrapPatches?: (compute: () => string) => string,
): string {
  const { nsp, kernel, strides, dilations, pb, pe, group } = geo;
  const mg = m / group;
  const total = kernel.reduce((x, y) => x * y, 1);
  // The patches hold kk values per input of K's spatial size and channel of A: kk times the memory of the per-offset
  // form's one live window. Past the budget (when the sizes are static) use that form.
  const ad = ctx.info(a).dims;
  const kd = ctx.info(k).dims;
  if (ad && kd && [ad[0], ...kd.slice(2)].every((d) => d >= 0)) {
    const bytes = 4 * ad[0] * group * ca * total * kd.slice(2).reduce((x, y) => x * y, 1);
    if (bytes > convTuning.im2colMaxBytes) return weightCorrelationPerOffset(ctx, a, k, m, ca, geo);
  }
  // K's spatial sizes: its own, or (K being the output gradient of a Conv, whose shape is often not inferred) the
  // Conv output's.
  const kStatic = (t: string) => {
    const d = ctx.info(t).dims;
    return d && d.length === nsp + 2 && d.slice(2).every((v) => v >= 0) ? d.slice(2) : undefined;
  };
  const kOwnSpatial = kStatic(k);
  const kSpatial = kOwnSpatial ?? (k === gradOut(ctx) && ctx.node.opType === 'Conv' ? kStatic(ctx.node.output[0]) : undefined);
  if (!wrapPatches && kSpatial && swapPays(kSpatial, ca, total, geo)) {
    // One Conv in which the samples play the channels: A as [ca, N, sp...] correlated with K as [m, N, O...] (the
    // output gradient as a kernel of the output's size) gives [ca, m, k...] directly.
    const spAxes = Array.from({ length: nsp }, (_, i) => i + 2);
    const at = ctx.op('Transpose', [a], { perm: [1, 0, ...spAxes] });
    const kt = ctx.op('Transpose', [k], { perm: [1, 0, ...spAxes] });
    const y = ctx.op('Conv', [at, kt], { kernel_shape: kSpatial, pads: [...pb, ...pe] });
    return ctx.op('Transpose', [y], { perm: [1, 0, ...spAxes] });
  }
  // The patches from A alone (with K's spatial size taken from the Conv's output, which has it, so that a hoisted
  // computation needs nothing from the backward pass).
  const computePatches = (): string => {
    const oneHot: number[] = new Array<number>(total * total).fill(0);
    for (let i = 0; i < total; i++) oneHot[i * total + i] = 1;
    const et = ctx.info(a).elemType;
    const ctot = group * ca;
    const hotType = et === 'double' ? ('double' as const) : ('float' as const);
    const hotConst = (copies: number) =>
      ctx.constant({ type: hotType, dims: [copies * total, 1, ...kernel], values: new Array<number[]>(copies).fill(oneHot).flat() });
    const asA = (t: string) => (et === 'float' || et === 'double' ? t : castLike(ctx, t, a));
    const attrs: Record<string, AttrValue> = { kernel_shape: kernel, strides, dilations, pads: [...pb, ...pe] };
    let cols: string; // [N, G*ca*kk, O...]
    if (ctot < convTuning.sliceIm2colBelowChannels && kOwnSpatial) {
      const ap = [...pb, ...pe].some((p) => p !== 0) ? ctx.op('Pad', [a, ctx.ints([0, 0, ...pb, 0, 0, ...pe])], { mode: 'constant' }) : a;
      const axes = ctx.ints(Array.from({ length: nsp }, (_, i) => i + 2));
      const windows: string[] = [];
      for (let flat = 0; flat < total; flat++) {
        const off = kernelOffset(flat, kernel, dilations);
        const ends = off.map((o, i) => o + (kOwnSpatial[i] - 1) * strides[i] + 1);
        windows.push(unsqueeze(ctx, ctx.op('Slice', [ap, ctx.ints(off), ctx.ints(ends), axes, ctx.ints(strides)]), [2]));
      }
      cols = ctx.op('Concat', windows, { axis: 2 }); // [N, ctot, kk, O...]
    } else if (ctot * total * total <= 1 << 16) {
      // A depthwise Conv with one one-hot kernel per (channel, offset): faster in onnxruntime than the one-channel form.
      cols = ctx.op('Conv', [a, asA(hotConst(ctot))], { ...attrs, group: ctot });
    } else {
      // Every channel plane as a one-channel image [N*G*ca, 1, sp...] (the one-hot constant stays small).
      const planesShape = ctx.op('Concat', [ctx.ints([-1, 1]), ctx.op('Slice', [shape(ctx, a), ctx.ints([2]), ctx.ints([nsp + 2])])], { axis: 0 });
      cols = ctx.op('Conv', [ctx.op('Reshape', [a, planesShape]), asA(hotConst(1))], attrs);
    }
    const patchShape = kOwnSpatial
      ? ctx.ints([-1, group, ca * total, kOwnSpatial.reduce((x, y) => x * y, 1)])
      : ctx.op('Concat', [ctx.op('Slice', [shape(ctx, k), ctx.ints([0]), ctx.ints([1])]), ctx.ints([group, ca * total, -1])], { axis: 0 });
    return ctx.op('Reshape', [cols, patchShape]); // [N, G, ca*kk, P]
  };
  const patches = wrapPatches ? wrapPatches(computePatches) : computePatches();
  const kt = ctx.op('Transpose', [ctx.op('Reshape', [k, ctx.ints([0, group, mg, -1])])], { perm: [0, 1, 3, 2] }); // [N, G, P, mg]
  const prod = reduceSum(ctx, ctx.op('MatMul', [patches, kt]), [0], false); // [G, ca*kk, mg]
  const w = ctx.op('Transpose', [prod], { perm: [0, 2, 1] }); // [G, mg, ca*kk]
  return ctx.op('Reshape', [w, ctx.ints([m, ca, ...kernel])]);
}

/**
 * Whether weightCorrelation takes the swapped form: few input channels, a kernel of many taps and a small output
 * (unit strides and dilations, one group, static sizes). There the one-hot im2col Conv spends kk MACs per patch
 * value (a kk x kk GEMM per plane) against the m of the contraction, and the swapped Conv's kernel (the output
 * map) stays small enough for onnxruntime's GEMM path.
 */
function swapPays(kSpatial: number[], ca: number, total: number, geo: ConvGeometry): boolean {
  if (geo.group !== 1 || ca >= convTuning.swapBelowChannels || total < convTuning.swapMinKernel) return false;
  if (geo.strides.some((v) => v !== 1) || geo.dilations.some((v) => v !== 1)) return false;
  return kSpatial.reduce((p, q) => p * q, 1) <= convTuning.swapMaxPositions;
}

/** The spatial offset of kernel tap `flat` (row-major over `kernel`), times the dilation. */
function kernelOffset(flat: number, kernel: number[], dilations: number[]): number[] {
  const off: number[] = [];
  let rest = flat;
  for (let i = kernel.length - 1; i >= 0; i--) {
    off[i] = (rest % kernel[i]) * dilations[i];
    rest = Math.floor(rest / kernel[i]);
  }
  return off;
}

/** One (batched over groups) MatMul per kernel offset between a strided window of the channels-last padded A and K. */
function weightCorrelationPerOffset(ctx: RuleContext, a: string, k: string, m: number, ca: number, geo: ConvGeometry): string {
  const { nsp, kernel, strides, dilations, pb, pe, group } = geo;
  const mg = m / group;
  const spAxes = Array.from({ length: nsp }, (_, i) => i + 2);
  let ap = a;
  if ([...pb, ...pe].some((p) => p !== 0)) ap = ctx.op('Pad', [a, ctx.ints([0, 0, ...pb, 0, 0, ...pe])], { mode: 'constant' });
  const at = ctx.op('Transpose', [ap], { perm: [0, ...spAxes, 1] }); // [N, sp..., G*ca]
  // K as [G, mg, N*P]
  const kt = ctx.op('Reshape', [ctx.op('Transpose', [k], { perm: [1, 0, ...spAxes] }), ctx.ints(group === 1 ? [m, -1] : [group, mg, -1])]);
  const osp = ctx.op('Slice', [shape(ctx, k), ctx.ints([2]), ctx.ints([nsp + 2])]);
  // window extent along each spatial axis: (O - 1) * s + 1
  const ones = ctx.ints(new Array<number>(nsp).fill(1));
  const span = ctx.op('Add', [ctx.op('Mul', [ctx.op('Sub', [osp, ones]), ctx.ints(strides)]), ones]);
  const axes = ctx.ints(Array.from({ length: nsp }, (_, i) => i + 1));
  const steps = ctx.ints(strides);
  const cols: string[] = [];
  const total = kernel.reduce((x, y) => x * y, 1);
  for (let flat = 0; flat < total; flat++) {
    const off = kernelOffset(flat, kernel, dilations);
    const starts = ctx.ints(off);
    const win = ctx.op('Slice', [at, starts, ctx.op('Add', [span, starts]), axes, steps]); // [N, O..., G*ca]
    let w: string;
    if (group === 1) {
      w = ctx.op('MatMul', [kt, ctx.op('Reshape', [win, ctx.ints([-1, ca])])]); // [m, ca]
    } else {
      const wg = ctx.op('Transpose', [ctx.op('Reshape', [win, ctx.ints([-1, group, ca])])], { perm: [1, 0, 2] }); // [G, N*P, ca]
      w = ctx.op('Reshape', [ctx.op('MatMul', [kt, wg]), ctx.ints([m, ca])]); // [G, mg, ca] -> [m, ca]
    }
    cols.push(unsqueeze(ctx, w, [2]));
  }
  const stacked = cols.length === 1 ? cols[0] : ctx.op('Concat', cols, { axis: 2 }); // [m, ca, K]
  return ctx.op('Reshape', [stacked, ctx.ints([m, ca, ...kernel])]);
}

/**
 * ConvTranspose(X, W [Cin, Cout/G, k], B) is the adjoint of a Conv with the same geometry mapping Y-space to X-space:
 * dX = Conv(g, W); dW correlates g (as the input) with X (as the kernel side). Explicit pads/output_padding only.
 */
const ConvTranspose: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [x, w] = ctx.node.input;
    const wd = staticDims(ctx, w);
    if (ctx.attr<number[] | undefined>('output_shape', undefined) !== undefined) {
      throw new RuleError('ConvTranspose with output_shape is not supported (export with explicit pads/output_padding)');
    }
    if (ctx.attr<string>('auto_pad', 'NOTSET') !== 'NOTSET') throw new RuleError('ConvTranspose with auto_pad is not supported');
    const geo = convGeometry(ctx, x, wd?.slice(2));
    const { nsp, kernel, strides, dilations, pb, pe, group } = geo;
    const spAxes = Array.from({ length: nsp }, (_, i) => i + 2);
    if (needs(ctx, 0)) {
      out[0] = ctx.op('Conv', [g, w], { kernel_shape: kernel, strides, dilations, pads: [...pb, ...pe], group });
    }
    if (needs(ctx, 1)) {
      if (!wd) throw new RuleError(`the weight shape of ConvTranspose is not static`);
      out[1] = weightCorrelation(ctx, g, x, wd[0], wd[1], geo);
    }
    if (needs(ctx, 2)) out[2] = reduceSum(ctx, g, [0, ...spAxes], false);
    return out;
  },
};

/**
 * Einsum without ellipses or repeated letters within one operand: the gradient of operand i is the einsum of the
 * output gradient with the other operands into operand i's letters; letters summed within operand i alone come back
 * by broadcasting.
 */
const Einsum: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const eq = ctx.attr<string>('equation').replace(/\s+/g, '');
    if (eq.includes('.')) throw new RuleError(`Einsum with an ellipsis ("${eq}") is not supported`);
    const [lhs, rhs] = eq.split('->');
    if (rhs === undefined) throw new RuleError(`Einsum without an explicit output ("${eq}") is not supported`);
    const terms = lhs.split(',');
    for (const t of [...terms, rhs]) {
      if (new Set(t).size !== t.length) throw new RuleError(`Einsum with a repeated letter in "${t}" is not supported`);
    }
    const g = gradOut(ctx);
    const ins = ctx.node.input;
    terms.forEach((term, i) => {
      if (!needs(ctx, i)) return;
      const others = terms.filter((_, j) => j !== i);
      const avail = new Set([...rhs, ...others.join('')]);
      const kept = [...term].filter((c) => avail.has(c)).join('');
      let gi = ctx.op('Einsum', [g, ...ins.filter((_, j) => j !== i)], { equation: `${[rhs, ...others].join(',')}->${kept}` });
      if (kept.length !== term.length) {
        const missing = [...term].map((c, ax) => (avail.has(c) ? -1 : ax)).filter((ax) => ax >= 0);
        gi = ctx.op('Expand', [unsqueeze(ctx, gi, missing), shape(ctx, ins[i])]);
      }
      out[i] = gi;
    });
    return out;
  },
};

export const linearRules: RuleTable = { MatMul, Gemm, Conv, ConvTranspose, Einsum };
