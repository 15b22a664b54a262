// Shape and indexing ops. Pure re-layouts reshape the gradient back; Slice scatters it to the positions the same
// Slice selects from an index tensor (so clamping and negative steps follow the runtime exactly); Gather scatters with
// reduction='add' because an embedding row can be looked up more than once.
import type { AttrValue, Rule, RuleContext, RuleTable } from './types.js';
import {
  castLike,
  flatten1d,
  gradOut,
  hasInput,
  int64Scalar,
  invertPerm,
  needs,
  normAxis,
  nulls,
  rankOf,
  reduceSum,
  RuleError,
  shape,
  staticDims,
  unsqueeze,
  zerosLike,
} from './util.js';

/** Ops whose output is a re-layout of input 0: the gradient is reshaped back. */
const reshapeBack: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = ctx.op('Reshape', [gradOut(ctx), shape(ctx, ctx.node.input[0])]);
    return out;
  },
};

const Transpose: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const perm = ctx.attr<number[] | undefined>('perm', undefined);
    // Without perm the axes are reversed, which is its own inverse.
    out[0] = perm ? ctx.op('Transpose', [gradOut(ctx)], { perm: invertPerm(perm) }) : ctx.op('Transpose', [gradOut(ctx)]);
    return out;
  },
};

/** Size of `x` along `axis`, as a 1-element int64 tensor. */
function dimAt(ctx: RuleContext, x: string, axis: number): string {
  const d = staticDims(ctx, x);
  const r = ctx.info(x).rank ?? ctx.info(x).dims?.length;
  if (d && r !== undefined) return ctx.ints([d[normAxis(axis, r)]]);
  return ctx.op('Gather', [shape(ctx, x), ctx.ints([axis])], { axis: 0 });
}

const Concat: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const axis = ctx.attr<number>('axis');
    const ins = ctx.node.input;
    const sizes = ctx.op('Concat', ins.map((x) => dimAt(ctx, x, axis)), { axis: 0 });
    const parts = ctx.emit('Split', [g, sizes], { axis }, ins.length);
    ins.forEach((_, i) => {
      if (needs(ctx, i)) out[i] = parts[i];
    });
    return out;
  },
};

const Split: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const axis = ctx.attr<number>('axis', 0);
    const parts = ctx.node.output.map((y, i) => ctx.gradOutputs[i] ?? zerosLike(ctx, y));
    out[0] = parts.length === 1 ? ctx.op('Identity', [parts[0]]) : ctx.op('Concat', parts, { axis });
    return out;
  },
};

/**
 * Slice: the flat positions of the selected elements are obtained by slicing an index tensor [0, size) shaped like x
 * with the very same starts/ends/axes/steps; the gradient is scattered there (positions are unique).
 */
const Slice: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const g = gradOut(ctx);
    const xs = shape(ctx, x);
    const n = ctx.op('Size', [x]);
    const ids = ctx.op('Reshape', [ctx.op('Range', [int64Scalar(ctx, 0), n, int64Scalar(ctx, 1)]), xs]);
    const sel = ctx.op('Slice', [ids, ...ctx.node.input.slice(1)]);
    const flat = ctx.op('ScatterElements', [zerosLike(ctx, flatten1d(ctx, x)), flatten1d(ctx, sel), flatten1d(ctx, g)], { axis: 0 });
    out[0] = ctx.op('Reshape', [flat, xs]);
    return out;
  },
};

/** Gather(data, indices, axis): scatter-add into zeros of data's shape (ScatterND, axis moved to the front). */
const Gather: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    if (ctx.opset < 16) throw new RuleError('the gradient of Gather needs opset >= 16 (ScatterND reduction="add")');
    const [data, indices] = ctx.node.input;
    const g = gradOut(ctx);
    const r = rankOf(ctx, data, 'Gather data');
    const q = rankOf(ctx, indices, 'Gather indices');
    const ax = normAxis(ctx.attr<number>('axis', 0), r);
    // Negative indices count from the end; ScatterND wants them in [0, dim).
    let idx = ctx.info(indices).elemType === 'int64' ? indices : ctx.op('Cast', [indices], { to: 7 });
    const dim = ctx.op('Gather', [shape(ctx, data), int64Scalar(ctx, ax)], { axis: 0 });
    idx = ctx.op('Where', [ctx.op('Less', [idx, int64Scalar(ctx, 0)]), ctx.op('Add', [idx, dim]), idx]);
    const idxNd = unsqueeze(ctx, idx, [-1]);
    if (ax === 0) {
      out[0] = ctx.op('ScatterND', [zerosLike(ctx, data), idxNd, g], { reduction: 'add' });
      return out;
    }
    // g has axes [data[:ax], indices..., data[ax+1:]]; bring the index axes first, data's axis first.
    const permG = [
      ...Array.from({ length: q }, (_, i) => ax + i),
      ...Array.from({ length: ax }, (_, i) => i),
      ...Array.from({ length: r - ax - 1 }, (_, i) => ax + q + i),
    ];
    const permD = [ax, ...Array.from({ length: ax }, (_, i) => i), ...Array.from({ length: r - ax - 1 }, (_, i) => ax + 1 + i)];
    const zerosT = ctx.op('Transpose', [zerosLike(ctx, data)], { perm: permD });
    const gT = ctx.op('Transpose', [g], { perm: permG });
    const sT = ctx.op('ScatterND', [zerosT, idxNd, gT], { reduction: 'add' });
    out[0] = ctx.op('Transpose', [sT], { perm: invertPerm(permD) });
    return out;
  },
};

const Expand: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = ctx.unbroadcast(gradOut(ctx), ctx.node.input[0]);
    return out;
  },
};

/**
 * Pad. Constant mode: the adjoint is Pad with negated pads (negative pads crop, positive ones re-add zeros).
 * reflect / edge / wrap copy input elements into the border: pad an index map of x the same way and scatter-add g back.
 */
const Pad: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const mode = ctx.attr<string>('mode', 'constant');
    const g = gradOut(ctx);
    const ins = ctx.node.input;
    if (mode !== 'constant') {
      if (!needs(ctx, 0)) return out;
      const x = ins[0];
      const xs = shape(ctx, x);
      const ids = ctx.op('Reshape', [ctx.op('Range', [int64Scalar(ctx, 0), ctx.op('Size', [x]), int64Scalar(ctx, 1)]), xs]);
      const padIns = [ids, ins[1]];
      if (hasInput(ctx, 3)) padIns.push('', ins[3]);
      const src = ctx.op('Pad', padIns, { mode });
      const flat = ctx.op('ScatterElements', [zerosLike(ctx, flatten1d(ctx, x)), flatten1d(ctx, src), flatten1d(ctx, g)], { axis: 0, reduction: 'add' });
      out[0] = ctx.op('Reshape', [flat, xs]);
      return out;
    }
    const negPads = ctx.op('Neg', [ins[1]]);
    const padIns = [g, negPads];
    if (hasInput(ctx, 3)) padIns.push('', ins[3]);
    const gx = ctx.op('Pad', padIns, { mode: 'constant' });
    if (needs(ctx, 0)) out[0] = gx;
    if (needs(ctx, 2)) {
      // The constant fills every padded position: its gradient is the gradient mass not passed back to x.
      const rest = ctx.op('Sub', [reduceSum(ctx, g, null, false), reduceSum(ctx, gx, null, false)]);
      out[2] = ctx.op('Reshape', [rest, shape(ctx, ins[2])]);
    }
    return out;
  },
};

/** Tile: view g as [r0, d0, r1, d1, ...] and sum over the repeat axes. */
const Tile: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const [x, repeats] = ctx.node.input;
    const r = rankOf(ctx, x, 'Tile input');
    const col = (t: string) => unsqueeze(ctx, t, [1]);
    const inter = flatten1d(ctx, ctx.op('Concat', [col(repeats), col(shape(ctx, x))], { axis: 1 }));
    const gr = ctx.op('Reshape', [gradOut(ctx), inter]);
    out[0] = reduceSum(ctx, gr, Array.from({ length: r }, (_, i) => 2 * i), false);
    return out;
  },
};

/** Negative indices count from the end of `data` along `axis`: bring them into [0, dim). */
function normalizeIndices(ctx: RuleContext, indices: string, data: string, axis: number): string {
  const idx = ctx.info(indices).elemType === 'int64' ? indices : ctx.op('Cast', [indices], { to: 7 });
  const dim = ctx.op('Gather', [shape(ctx, data), int64Scalar(ctx, axis)], { axis: 0 });
  return ctx.op('Where', [ctx.op('Less', [idx, int64Scalar(ctx, 0)]), ctx.op('Add', [idx, dim]), idx]);
}

/** GatherElements (torch.gather): scatter-add back along the axis. */
const GatherElements: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    if (ctx.opset < 16) throw new RuleError('the gradient of GatherElements needs opset >= 16 (ScatterElements reduction="add")');
    const [data, indices] = ctx.node.input;
    const axis = ctx.attr<number>('axis', 0);
    const idx = normalizeIndices(ctx, indices, data, axis);
    out[0] = ctx.op('ScatterElements', [zerosLike(ctx, data), idx, gradOut(ctx)], { axis, reduction: 'add' });
    return out;
  },
};

/** GatherND with batch_dims = 0: scatter-add back with ScatterND. */
const GatherND: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    if (ctx.attr<number>('batch_dims', 0) !== 0) throw new RuleError('GatherND with batch_dims > 0 is not supported');
    if (ctx.opset < 16) throw new RuleError('the gradient of GatherND needs opset >= 16 (ScatterND reduction="add")');
    const [data, indices] = ctx.node.input;
    const idims = ctx.info(indices).dims;
    const k = idims && idims.length > 0 ? idims[idims.length - 1] : -1;
    if (k < 0) throw new RuleError('GatherND needs the static size of the last indices axis');
    // Per-column dims of data for the negative-index shift.
    const dims = ctx.op('Slice', [shape(ctx, data), ctx.ints([0]), ctx.ints([k])]);
    const neg = ctx.op('Less', [indices, int64Scalar(ctx, 0)]);
    const idx = ctx.op('Where', [neg, ctx.op('Add', [indices, dims]), indices]);
    out[0] = ctx.op('ScatterND', [zerosLike(ctx, data), idx, gradOut(ctx)], { reduction: 'add' });
    return out;
  },
};

/**
 * ScatterND / ScatterElements as forward ops (index_put, slice assignment): data's gradient is g with the overwritten
 * positions zeroed (reduction none) or g itself (add); the updates' gradient is g gathered at the indices.
 */
function scatterRule(kind: 'ScatterND' | 'ScatterElements'): Rule {
  return {
    vjp(ctx) {
      const out = nulls(ctx);
      const [, indices, updates] = ctx.node.input;
      const g = gradOut(ctx);
      const reduction = ctx.attr<string>('reduction', 'none');
      if (reduction !== 'none' && reduction !== 'add') throw new RuleError(`${kind} with reduction="${reduction}" is not supported`);
      const attrs: Record<string, AttrValue> = kind === 'ScatterElements' ? { axis: ctx.attr<number>('axis', 0) } : {};
      if (needs(ctx, 0)) out[0] = reduction === 'add' ? g : ctx.op(kind, [g, indices, zerosLike(ctx, updates)], attrs);
      if (needs(ctx, 2)) out[2] = ctx.op(kind === 'ScatterND' ? 'GatherND' : 'GatherElements', [g, indices], attrs);
      return out;
    },
  };
}

/** CumSum: the adjoint sums in the other direction (same exclusive flag). */
const CumSum: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const reverse = ctx.attr<number>('reverse', 0) ? 0 : 1;
    out[0] = ctx.op('CumSum', [gradOut(ctx), ctx.node.input[1]], { exclusive: ctx.attr<number>('exclusive', 0), reverse });
    return out;
  },
};

/** Trilu keeps a triangle: the gradient is the same triangle of g. */
const Trilu: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    out[0] = ctx.op('Trilu', [gradOut(ctx), ...ctx.node.input.slice(1)], { upper: ctx.attr<number>('upper', 1) });
    return out;
  },
};

const RESIZE_ATTRS = ['coordinate_transformation_mode', 'nearest_mode', 'exclude_outside', 'extrapolation_value', 'keep_aspect_ratio_policy', 'axes', 'antialias', 'cubic_coeff_a'];

function resizeAttrs(ctx: RuleContext): Record<string, AttrValue> {
  const attrs: Record<string, AttrValue> = {};
  for (const a of RESIZE_ATTRS) {
    const v = ctx.attr<AttrValue | undefined>(a, undefined);
    if (v !== undefined) attrs[a] = typeof v === 'number' && (a === 'extrapolation_value' || a === 'cubic_coeff_a') ? { float: v } : v;
  }
  attrs.mode = ctx.attr<string>('mode', 'nearest');
  return attrs;
}

/**
 * Resize. Nearest mode is a gather with repeats: resize an int32 index map of x the same way, then scatter-add g back
 * to those positions. Linear and cubic modes (F.interpolate bilinear / bicubic / linear / trilinear) are separable
 * linear maps, y = x ×_2 A_2 ×_3 A_3 ...: each A_k is materialised by the same Resize (same mode, coordinate
 * transformation, cubic coefficient, antialias) applied to the identity basis along axis k alone, so the adjoint follows
 * the runtime's own conventions exactly, with dynamic shapes; the gradient is g multiplied by each A_k along its axis.
 * Batch and channel axes are taken as not resized (PyTorch's interpolate never resizes them).
 */
const Resize: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const mode = ctx.attr<string>('mode', 'nearest');
    if (ctx.opset < 16) throw new RuleError('the gradient of Resize needs opset >= 16 (ScatterElements reduction="add")');
    if (mode === 'nearest') {
      out[0] = resizeNearestVjp(ctx);
      return out;
    }
    if (mode !== 'linear' && mode !== 'cubic') throw new RuleError(`Resize mode="${mode}" is not supported`);
    if (ctx.attr<string>('coordinate_transformation_mode', 'half_pixel') === 'tf_crop_and_resize') {
      throw new RuleError('Resize coordinate_transformation_mode="tf_crop_and_resize" is not supported');
    }
    if (ctx.attr<number[] | undefined>('axes', undefined) !== undefined) throw new RuleError('Resize with the axes attribute is not supported');
    if (ctx.attr<string>('keep_aspect_ratio_policy', 'stretch') !== 'stretch') throw new RuleError('Resize keep_aspect_ratio_policy other than "stretch" is not supported');
    const x = ctx.node.input[0];
    const scales = hasInput(ctx, 2) ? ctx.node.input[2] : null;
    const sizes = hasInput(ctx, 3) ? ctx.node.input[3] : null;
    if (!scales && !sizes) throw new RuleError('Resize without scales or sizes');
    // The rank: x's if known, else the length of the scales / sizes vector.
    const r = ctx.info(x).rank ?? ctx.info(x).dims?.length ?? staticDims(ctx, (scales ?? sizes)!)?.[0];
    if (r === undefined) throw new RuleError(`the rank of the Resize input (${x}) is unknown; the rule needs it`);
    if (r < 3) throw new RuleError('Resize in linear/cubic mode needs an input of rank >= 3 (N, C, spatial...)');
    const xs = shape(ctx, x);
    const attrs = resizeAttrs(ctx);
    let gx = gradOut(ctx);
    for (let k = 2; k < r; k++) {
      const nk = ctx.op('Slice', [xs, ctx.ints([k]), ctx.ints([k + 1])]); // [1]
      // Basis [n_k, 1, ..., n_k (axis k), ..., 1]: sample j is e_j along axis k.
      const nn = ctx.op('Concat', [nk, nk], { axis: 0 });
      const zero2 = ctx.op('ConstantOfShape', [nn], { value: { tensor: { type: 'float', dims: [1], values: [0] } } });
      const eye = castLike(ctx, ctx.op('EyeLike', [zero2]), x);
      const bshape = ctx.op('Concat', Array.from({ length: r }, (_, a) => (a === 0 || a === k ? nk : ctx.ints([1]))), { axis: 0 });
      const basis = ctx.op('Reshape', [eye, bshape]);
      const onehot = ctx.constant({ type: 'bool', dims: [r], values: Array.from({ length: r }, (_, a) => a === k) });
      const ins = [basis, hasInput(ctx, 1) ? ctx.node.input[1] : ''];
      if (sizes) {
        ins.push('', ctx.op('Where', [onehot, sizes, shape(ctx, basis)]));
      } else {
        ins.push(ctx.op('Where', [onehot, scales!, ctx.constant({ type: 'float', dims: [r], values: new Array<number>(r).fill(1) })]));
      }
      // [n_k, 1.., Ho_k, ..1] -> M_k = A_k^T [n_k, Ho_k]
      const m = ctx.op('Reshape', [ctx.op('Resize', ins, attrs), ctx.op('Concat', [nk, ctx.ints([-1])], { axis: 0 })]);
      // g (axis k of size Ho_k) -> sum_o A_k[o, j] g[.., o, ..]: move axis k last, MatMul by M_k^T, move back.
      const perm = Array.from({ length: r }, (_, a) => a).filter((a) => a !== k);
      perm.push(k);
      const moved = ctx.op('Transpose', [gx], { perm });
      const prod = ctx.op('MatMul', [moved, ctx.op('Transpose', [m], { perm: [1, 0] })]);
      gx = ctx.op('Transpose', [prod], { perm: invertPerm(perm) });
    }
    out[0] = gx;
    return out;
  },
};

function resizeNearestVjp(ctx: RuleContext): string {
  const x = ctx.node.input[0];
  const xs = shape(ctx, x);
  const n = ctx.op('Cast', [ctx.op('Size', [x])], { to: 6 });
  const zero = ctx.constant({ type: 'int32', dims: [], values: [0] });
  const one = ctx.constant({ type: 'int32', dims: [], values: [1] });
  const ids = ctx.op('Reshape', [ctx.op('Range', [zero, n, one]), xs]);
  const sel = ctx.op('Resize', [ids, ...ctx.node.input.slice(1)], resizeAttrs(ctx));
  const sel64 = ctx.op('Cast', [sel], { to: 7 });
  const flat = ctx.op('ScatterElements', [zerosLike(ctx, flatten1d(ctx, x)), flatten1d(ctx, sel64), flatten1d(ctx, gradOut(ctx))], { axis: 0, reduction: 'add' });
  return ctx.op('Reshape', [flat, xs]);
}

/**
 * DepthToSpace / SpaceToDepth are fixed permutations. DCR DepthToSpace and SpaceToDepth are each other's inverse
 * (hence adjoint); CRD DepthToSpace is undone with the reshape-transpose-reshape it is defined by.
 */
const DepthToSpace: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const b = ctx.attr<number>('blocksize');
    const g = gradOut(ctx);
    if (ctx.attr<string>('mode', 'DCR') === 'DCR') {
      out[0] = ctx.op('SpaceToDepth', [g], { blocksize: b });
      return out;
    }
    // CRD: y = reshape(transpose(reshape(x, [N, C/b^2, b, b, H, W]), [0, 1, 4, 2, 5, 3]), [N, C/b^2, H b, W b])
    const xs = shape(ctx, x);
    const part = (i: number) => ctx.op('Slice', [xs, ctx.ints([i]), ctx.ints([i + 1])]);
    const s6 = ctx.op('Concat', [part(0), ctx.ints([-1]), part(2), ctx.ints([b]), part(3), ctx.ints([b])], { axis: 0 });
    const g6 = ctx.op('Reshape', [g, s6]); // [N, C/b^2, H, b, W, b]
    const t = ctx.op('Transpose', [g6], { perm: [0, 1, 3, 5, 2, 4] }); // [N, C/b^2, b, b, H, W]
    out[0] = ctx.op('Reshape', [t, xs]);
    return out;
  },
};

const SpaceToDepth: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = ctx.op('DepthToSpace', [gradOut(ctx)], { blocksize: ctx.attr<number>('blocksize'), mode: 'DCR' });
    return out;
  },
};

export const shapeRules: RuleTable = {
  DepthToSpace,
  SpaceToDepth,
  GatherElements,
  GatherND,
  ScatterND: scatterRule('ScatterND'),
  ScatterElements: scatterRule('ScatterElements'),
  CumSum,
  Trilu,
  Resize,
  Flatten: reshapeBack,
  Reshape: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  Transpose,
  Concat,
  Split,
  Slice,
  Gather,
  Expand,
  Pad,
  Tile,
};

