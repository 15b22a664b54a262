// Shape and indexing ops. Pure re-layouts reshape the gradient back; Slice scatters it to the positions the same
// Slice selects from an index tensor (so clamping and negative steps follow the runtime exactly); Gather scatters with
// reduction='add' because an embedding row can be looked up more than once.
import type { Rule, RuleContext, RuleTable } from './types.js';
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

/** Pad (constant mode): the adjoint is Pad with negated pads (negative pads crop, positive ones re-add zeros). */
const Pad: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const mode = ctx.attr<string>('mode', 'constant');
    if (mode !== 'constant') throw new RuleError(`Pad mode="${mode}" is not supported (only constant)`);
    if (ctx.opset < 11) throw new RuleError('Pad with pads as an attribute (opset < 11) is not supported');
    const g = gradOut(ctx);
    const ins = ctx.node.input;
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

export const shapeRules: RuleTable = {
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

void castLike;
