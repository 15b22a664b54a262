// Reductions: the gradient is broadcast back over the reduced axes (re-inserted first when keepdims=0).
// ReduceSum takes axes as an input from opset 13, the other reductions from opset 18; before that an attribute.
import type { Rule, RuleContext, RuleTable } from './types.js';
import { castLike, gradOut, hasInput, maskWhere, needs, nulls, shape, staticDims, timesSign } from './util.js';

/** The gradient of y = reduce(x) broadcast to x's shape (before any per-element factor). */
function expandBack(ctx: RuleContext, axesAsInputFrom: number): string {
  return expandLikeX(ctx, gradOut(ctx), axesAsInputFrom);
}

/** A tensor of the reduction's output shape, broadcast back to the input's shape. */
function expandLikeX(ctx: RuleContext, g: string, axesAsInputFrom: number): string {
  const x = ctx.node.input[0];
  const keepdims = ctx.attr<number>('keepdims', 1) === 1;
  let ge = g;
  if (!keepdims) {
    if (ctx.opset >= axesAsInputFrom) {
      // An absent axes input reduces everything to a scalar, which Expand broadcasts as it is.
      if (hasInput(ctx, 1)) ge = ctx.op('Unsqueeze', [g, ctx.node.input[1]]);
    } else {
      const axes = ctx.attr<number[] | undefined>('axes', undefined);
      if (axes && axes.length > 0) ge = ctx.op('Unsqueeze', ctx.opset >= 13 ? [g, ctx.ints(axes)] : [g], ctx.opset >= 13 ? {} : { axes });
    }
  }
  return ctx.op('Expand', [ge, shape(ctx, x)]);
}

/** Size(y) / Size(x): the mean's factor (1 when noop_with_empty_axes leaves x unchanged). */
function meanFactor(ctx: RuleContext): string {
  const x = ctx.node.input[0];
  const y = ctx.node.output[0];
  const xd = staticDims(ctx, x);
  const yd = staticDims(ctx, y);
  if (xd && yd) {
    const nx = xd.reduce((a, b) => a * b, 1);
    const ny = yd.reduce((a, b) => a * b, 1);
    return ctx.scalarLike(ny / nx, x);
  }
  return ctx.op('Div', [castLike(ctx, ctx.op('Size', [y]), x), castLike(ctx, ctx.op('Size', [x]), x)]);
}

const ReduceSum: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = expandBack(ctx, 13);
    return out;
  },
};

const ReduceMean: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = ctx.op('Mul', [expandBack(ctx, 18), meanFactor(ctx)]);
    return out;
  },
};

/** sum x^2: 2 x g. */
const ReduceSumSquare: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const x = ctx.node.input[0];
    if (needs(ctx, 0)) out[0] = ctx.op('Mul', [expandBack(ctx, 18), ctx.op('Mul', [x, ctx.scalarLike(2, x)])]);
    return out;
  },
};

/** ReduceSum with the forward node's own axes, keepdims and noop_with_empty_axes (for frozen forwards). */
function sameReduceSum(ctx: RuleContext, t: string, axesAsInputFrom: number): string {
  const keepdims = ctx.attr<number>('keepdims', 1);
  const noop = ctx.attr<number>('noop_with_empty_axes', 0);
  let axes: string | null = null;
  if (ctx.opset >= axesAsInputFrom) {
    if (hasInput(ctx, 1)) axes = ctx.node.input[1];
  } else {
    const a = ctx.attr<number[] | undefined>('axes', undefined);
    if (a && a.length > 0) axes = ctx.ints(a);
  }
  return ctx.op('ReduceSum', axes ? [t, axes] : [t], { keepdims, noop_with_empty_axes: noop });
}

/**
 * ReduceMax / ReduceMin: gate `mask` marks the elements equal to the extremum of their slice; the gradient is shared
 * equally among ties (as PyTorch's amax/amin), and the frozen forward is the mean of the masked elements.
 */
function extremumReduce(): Rule {
  const mask = (ctx: RuleContext) =>
    ctx.gate('mask', () => ctx.op('Equal', [ctx.node.input[0], expandLikeX(ctx, ctx.node.output[0], 18)]));
  const count = (ctx: RuleContext, m: string) => sameReduceSum(ctx, castLike(ctx, m, ctx.node.input[0]), 18);
  return {
    vjp(ctx) {
      const out = nulls(ctx);
      if (!needs(ctx, 0)) return out;
      const m = mask(ctx);
      const share = ctx.op('Div', [gradOut(ctx), count(ctx, m)]);
      out[0] = maskWhere(ctx, m, expandLikeX(ctx, share, 18));
      return out;
    },
    frozenForward(ctx) {
      const x = ctx.node.input[0];
      const m = mask(ctx);
      const total = sameReduceSum(ctx, ctx.op('Where', [m, x, ctx.scalarLike(0, x)]), 18);
      return [ctx.op('Div', [total, count(ctx, m)])];
    },
  };
}

/** ReduceL1 = sum |x|: the signs are the gates `neg` and `pos`, as for Abs (sign(0) = 0, as PyTorch's norm(p=1)). */
function l1Sign(ctx: RuleContext): { neg: string; pos: string } {
  const x = ctx.node.input[0];
  const neg = ctx.gate('neg', () => ctx.op('Less', [x, ctx.scalarLike(0, x)]));
  const pos = ctx.gate('pos', () => ctx.op('Greater', [x, ctx.scalarLike(0, x)]));
  return { neg, pos };
}

const ReduceL1: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const { neg, pos } = l1Sign(ctx);
    out[0] = timesSign(ctx, expandBack(ctx, 18), neg, pos);
    return out;
  },
  frozenForward(ctx) {
    const { neg, pos } = l1Sign(ctx);
    return [sameReduceSum(ctx, timesSign(ctx, ctx.node.input[0], neg, pos), 18)];
  },
};

/** sqrt(sum x^2): x g / y. */
const ReduceL2: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const x = ctx.node.input[0];
    if (needs(ctx, 0)) out[0] = ctx.op('Mul', [expandBack(ctx, 18), ctx.op('Div', [x, expandLikeX(ctx, ctx.node.output[0], 18)])]);
    return out;
  },
};

/** log sum exp x: g softmax(x) = g exp(x - y). */
const ReduceLogSumExp: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const x = ctx.node.input[0];
    if (needs(ctx, 0)) out[0] = ctx.op('Mul', [expandBack(ctx, 18), ctx.op('Exp', [ctx.op('Sub', [x, expandLikeX(ctx, ctx.node.output[0], 18)])])]);
    return out;
  },
};

export const reduceRules: RuleTable = {
  ReduceSum,
  ReduceMean,
  ReduceSumSquare,
  ReduceMax: extremumReduce(),
  ReduceMin: extremumReduce(),
  ReduceL1,
  ReduceL2,
  ReduceLogSumExp,
};
