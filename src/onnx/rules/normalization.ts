// BatchNormalization in inference mode (running statistics are constants, so it is a per-channel affine map) and
// LayerNormalization (statistics recomputed in the graph from X; the op's optional Mean/InvStdDev outputs carry no
// gradient here).
import type { Rule, RuleTable } from './types.js';
import { gradOut, needs, nulls, rankOf, reduceMean, reduceSum, RuleError, shape, staticDims, unsqueeze } from './util.js';

const BatchNormalization: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (ctx.attr<number>('training_mode', 0) === 1) {
      throw new RuleError('BatchNormalization with training_mode=1 is not supported (export the model in eval mode)');
    }
    const g = gradOut(ctx, 0);
    const [x, scale, , mean, variance] = ctx.node.input;
    const r = rankOf(ctx, x, 'BatchNormalization input X');
    const eps = ctx.attr<number>('epsilon', 1e-5);
    const chanAxes = Array.from({ length: Math.max(0, r - 2) }, (_, i) => i + 1); // [C] -> [C, 1, ...]
    const redAxes = [0, ...Array.from({ length: Math.max(0, r - 2) }, (_, i) => i + 2)];
    const bc = (t: string) => unsqueeze(ctx, t, chanAxes);
    const invstd = ctx.op('Reciprocal', [ctx.op('Sqrt', [ctx.op('Add', [variance, ctx.scalarLike(eps, variance)])])]);
    if (needs(ctx, 0)) out[0] = ctx.op('Mul', [g, bc(ctx.op('Mul', [scale, invstd]))]);
    const xc = needs(ctx, 1) || needs(ctx, 4) ? ctx.op('Sub', [x, bc(mean)]) : '';
    // sum(g (x - mean)) per channel, scaled afterwards: one full-size Mul fewer than scaling x - mean first.
    const gxc = needs(ctx, 1) || needs(ctx, 4) ? reduceSum(ctx, ctx.op('Mul', [g, xc]), redAxes, false) : '';
    if (needs(ctx, 1)) out[1] = ctx.op('Mul', [gxc, invstd]);
    if (needs(ctx, 2)) out[2] = reduceSum(ctx, g, redAxes, false);
    if (needs(ctx, 3)) {
      out[3] = ctx.op('Neg', [ctx.op('Mul', [reduceSum(ctx, g, redAxes, false), ctx.op('Mul', [scale, invstd])])]);
    }
    if (needs(ctx, 4)) {
      // d/dvar of scale (x - mean) (var + eps)^-1/2 = -1/2 scale (x - mean) invstd^3
      const inv3 = ctx.op('Mul', [invstd, ctx.op('Mul', [invstd, invstd])]);
      out[4] = ctx.op('Mul', [gxc, ctx.op('Mul', [ctx.op('Mul', [scale, inv3]), ctx.scalarLike(-0.5, scale)])]);
    }
    return out;
  },
};

const LayerNormalization: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if ((ctx.gradOutputs[1] ?? null) !== null || (ctx.gradOutputs[2] ?? null) !== null) {
      throw new RuleError('a gradient through the Mean/InvStdDev outputs of LayerNormalization is not supported');
    }
    const g = gradOut(ctx, 0);
    const [x, scale] = ctx.node.input;
    const axis = ctx.attr<number>('axis', -1);
    const eps = ctx.attr<number>('epsilon', 1e-5);
    let axes: number[];
    if (axis < 0) {
      axes = Array.from({ length: -axis }, (_, i) => axis + i);
    } else {
      const r = rankOf(ctx, x, 'LayerNormalization input X');
      axes = Array.from({ length: r - axis }, (_, i) => axis + i);
    }
    const mu = reduceMean(ctx, x, axes, true);
    const xc = ctx.op('Sub', [x, mu]);
    const variance = reduceMean(ctx, ctx.op('Mul', [xc, xc]), axes, true);
    const rstd = ctx.op('Reciprocal', [ctx.op('Sqrt', [ctx.op('Add', [variance, ctx.scalarLike(eps, x)])])]);
    const xhat = ctx.op('Mul', [xc, rstd]);
    if (needs(ctx, 0)) {
      const gh = ctx.op('Mul', [g, scale]);
      const m1 = reduceMean(ctx, gh, axes, true);
      const m2 = reduceMean(ctx, ctx.op('Mul', [gh, xhat]), axes, true);
      const inner = ctx.op('Sub', [ctx.op('Sub', [gh, m1]), ctx.op('Mul', [xhat, m2])]);
      out[0] = ctx.op('Mul', [inner, rstd]);
    }
    if (needs(ctx, 1)) out[1] = ctx.unbroadcast(ctx.op('Mul', [g, xhat]), scale);
    if (needs(ctx, 2)) out[2] = ctx.unbroadcast(g, ctx.node.input[2]);
    return out;
  },
};

/** InstanceNormalization: per (n, c) statistics over the spatial axes, per-channel scale and bias. */
const InstanceNormalization: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [x, scale] = ctx.node.input;
    const r = rankOf(ctx, x, 'InstanceNormalization input X');
    const eps = ctx.attr<number>('epsilon', 1e-5);
    const sp = Array.from({ length: r - 2 }, (_, i) => i + 2);
    const bc = (t: string) => unsqueeze(ctx, t, Array.from({ length: r - 2 }, (_, i) => i + 1));
    const mu = reduceMean(ctx, x, sp, true);
    const xc = ctx.op('Sub', [x, mu]);
    const variance = reduceMean(ctx, ctx.op('Mul', [xc, xc]), sp, true);
    const rstd = ctx.op('Reciprocal', [ctx.op('Sqrt', [ctx.op('Add', [variance, ctx.scalarLike(eps, x)])])]);
    const xhat = ctx.op('Mul', [xc, rstd]);
    if (needs(ctx, 0)) {
      const gh = ctx.op('Mul', [g, bc(scale)]);
      const m1 = reduceMean(ctx, gh, sp, true);
      const m2 = reduceMean(ctx, ctx.op('Mul', [gh, xhat]), sp, true);
      out[0] = ctx.op('Mul', [ctx.op('Sub', [ctx.op('Sub', [gh, m1]), ctx.op('Mul', [xhat, m2])]), rstd]);
    }
    if (needs(ctx, 1)) out[1] = reduceSum(ctx, ctx.op('Mul', [g, xhat]), [0, ...sp], false);
    if (needs(ctx, 2)) out[2] = reduceSum(ctx, g, [0, ...sp], false);
    return out;
  },
};

/**
 * GroupNormalization (opset 18; the dynamo exporter's nn.GroupNorm): statistics per (n, group) over the group's
 * channels and the spatial axes. Opset 18 has one scale and bias per group, opset 21 one per channel.
 */
const GroupNormalization: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const [x, scale, bias] = ctx.node.input;
    const r = rankOf(ctx, x, 'GroupNormalization input X');
    const G = ctx.attr<number>('num_groups');
    const eps = ctx.attr<number>('epsilon', 1e-5);
    const perGroup = ctx.opset < 21; // opset 18: scale/bias [G]
    const C = ctx.info(x).dims?.[1] ?? (perGroup ? undefined : staticDims(ctx, scale)?.[0]);
    if (C === undefined || C < 0) throw new RuleError('GroupNormalization needs the static number of channels');
    if (C % G !== 0) throw new RuleError(`GroupNormalization: ${C} channels do not split into ${G} groups`);
    const xs = shape(ctx, x);
    const ngShape = ctx.op('Concat', [ctx.op('Slice', [xs, ctx.ints([0]), ctx.ints([1])]), ctx.ints([G, -1])], { axis: 0 });
    const xr = ctx.op('Reshape', [x, ngShape]);
    const mu = reduceMean(ctx, xr, [2], true);
    const xc = ctx.op('Sub', [xr, mu]);
    const variance = reduceMean(ctx, ctx.op('Mul', [xc, xc]), [2], true);
    const rstd = ctx.op('Reciprocal', [ctx.op('Sqrt', [ctx.op('Add', [variance, ctx.scalarLike(eps, x)])])]);
    const xhatR = ctx.op('Mul', [xc, rstd]);
    const xhat = ctx.op('Reshape', [xhatR, xs]);
    const chanAxes = Array.from({ length: r - 2 }, (_, i) => i + 1); // [C] -> [C, 1, ...]
    // Per-channel scale [C]: opset 18 repeats each group's scale over its C/G channels.
    const perChannel = (t: string) => (perGroup ? ctx.op('Reshape', [ctx.op('Expand', [unsqueeze(ctx, t, [1]), ctx.ints([G, C / G])]), ctx.ints([C])]) : t);
    const redAxes = [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2)];
    const perParam = (t: string) => {
      // t [C] -> [G] for opset 18 (sum over each group's channels)
      return perGroup ? reduceSum(ctx, ctx.op('Reshape', [t, ctx.ints([G, C / G])]), [1], false) : t;
    };
    if (needs(ctx, 0)) {
      const gh = ctx.op('Reshape', [ctx.op('Mul', [g, unsqueeze(ctx, perChannel(scale), chanAxes)]), ngShape]);
      const m1 = reduceMean(ctx, gh, [2], true);
      const m2 = reduceMean(ctx, ctx.op('Mul', [gh, xhatR]), [2], true);
      const dxr = ctx.op('Mul', [ctx.op('Sub', [ctx.op('Sub', [gh, m1]), ctx.op('Mul', [xhatR, m2])]), rstd]);
      out[0] = ctx.op('Reshape', [dxr, xs]);
    }
    if (needs(ctx, 1)) out[1] = perParam(reduceSum(ctx, ctx.op('Mul', [g, xhat]), redAxes, false));
    if (needs(ctx, 2) && bias) out[2] = perParam(reduceSum(ctx, g, redAxes, false));
    return out;
  },
};

export const normalizationRules: RuleTable = { BatchNormalization, LayerNormalization, InstanceNormalization, GroupNormalization };
