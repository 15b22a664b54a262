// Gemm, MatMul (batched, broadcast, 1-D operands) and Conv. Conv's input gradient is a ConvTranspose with the same
// weights; its weight gradient is a Conv in which the batch plays the role of the channels (the output gradient is
// the kernel, strides and dilations swap places).
import type { AttrValue, Rule, RuleContext, RuleTable } from './types.js';
import {
  floatAttr,
  gradOut,
  INT64_MAX,
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

const Conv: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [x, w] = ctx.node.input;
    const wd = staticDims(ctx, w);
    const geo = convGeometry(ctx, x, wd?.slice(2));
    const { nsp, kernel, strides, dilations, pb, pe, group } = geo;
    const spAxes = Array.from({ length: nsp }, (_, i) => i + 2);
    if (needs(ctx, 0)) out[0] = convAdjoint(ctx, g, w, x, geo, group);
    if (needs(ctx, 1)) {
      if (!wd) throw new RuleError(`the weight shape of Conv is not static`);
      const [m, cg] = wd;
      const swap = [1, 0, ...spAxes];
      let xr: string;
      let gr: string;
      if (group === 1) {
        xr = ctx.op('Transpose', [x], { perm: swap }); // [C, N, H, W]
        gr = ctx.op('Transpose', [g], { perm: swap }); // [M, N, OH, OW]
      } else {
        // X [N, G*Cg, sp] -> [Cg, G*N, sp] ; g [N, G*Mg, osp] -> [G*Mg, N, osp]
        const mg = m / group;
        const xs = ctx.op('Reshape', [x, ctx.ints([0, group, cg, -1])]);
        const xt = ctx.op('Transpose', [xs], { perm: [2, 1, 0, 3] });
        const xShape = ctx.op('Concat', [ctx.ints([cg, -1]), ctx.op('Slice', [shape(ctx, x), ctx.ints([2]), ctx.ints([nsp + 2])])], { axis: 0 });
        xr = ctx.op('Reshape', [xt, xShape]);
        const gs = ctx.op('Reshape', [g, ctx.ints([0, group, mg, -1])]);
        const gt = ctx.op('Transpose', [gs], { perm: [1, 2, 0, 3] });
        const gShape = ctx.op('Concat', [ctx.ints([m, -1]), ctx.op('Slice', [shape(ctx, g), ctx.ints([2]), ctx.ints([nsp + 2])])], { axis: 0 });
        gr = ctx.op('Reshape', [gt, gShape]);
      }
      const corr = ctx.op('Conv', [xr, gr], { strides: dilations, dilations: strides, pads: [...pb, ...pe], group });
      // The correlation can run past the kernel extent (input rows the forward conv never reached): crop.
      const cropped = ctx.op('Slice', [corr, ctx.ints(new Array<number>(nsp).fill(0)), ctx.ints(kernel), ctx.ints(spAxes)]);
      out[1] = ctx.op('Transpose', [cropped], { perm: swap });
    }
    if (needs(ctx, 2)) out[2] = reduceSum(ctx, g, [0, ...spAxes], false);
    void INT64_MAX;
    return out;
  },
};

export const linearRules: RuleTable = { MatMul, Gemm, Conv };
