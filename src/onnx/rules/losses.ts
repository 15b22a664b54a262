// Loss ops a model may compute itself (used with the output:NAME loss): NegativeLogLikelihoodLoss and
// SoftmaxCrossEntropyLoss, with class weights, ignore_index and reduction none/sum/mean as ONNX defines them.
// The gradient w.r.t. the (log-)probabilities is a coefficient at each target position, scattered along axis 1.
import type { Rule, RuleContext, RuleTable } from './types.js';
import { castLike, gradOut, hasInput, needs, nulls, RuleError, shape, unsqueeze, zerosLike } from './util.js';

/**
 * d loss / d input[n, c, ...] = -[c == t] * w_t * valid * G: returns the safe target indices (ignored ones replaced
 * by 0) and the coefficient tensor (target's shape).
 */
function nllCoefficients(ctx: RuleContext, g: string, like: string): { targets: string; coef: string } {
  const [, target] = ctx.node.input;
  let t = ctx.info(target).elemType === 'int64' ? target : ctx.op('Cast', [target], { to: 7 });
  const ii = ctx.attr<number | undefined>('ignore_index', undefined);
  const reduction = ctx.attr<string>('reduction', 'mean');
  let valid: string | null = null;
  if (ii !== undefined) {
    valid = ctx.op('Not', [ctx.op('Equal', [t, ctx.constant({ type: 'int64', dims: [], values: [BigInt(ii)] })])]);
    t = ctx.op('Where', [valid, t, ctx.constant({ type: 'int64', dims: [], values: [0n] })]);
  }
  // Per-target weight (class weight and the ignore mask), or null for all ones.
  let w: string | null = hasInput(ctx, 2) ? ctx.op('Gather', [ctx.node.input[2], t], { axis: 0 }) : null;
  if (valid) {
    const v = castLike(ctx, valid, like);
    w = w ? ctx.op('Mul', [w, v]) : v;
  }
  let coef: string;
  if (reduction === 'none') {
    coef = w ? ctx.op('Mul', [g, w]) : g;
  } else if (reduction === 'sum' || reduction === 'mean') {
    let scale = g;
    if (reduction === 'mean') {
      const denom = w ? ctx.op('ReduceSum', [w], { keepdims: 0 }) : castLike(ctx, ctx.op('Size', [t]), like);
      scale = ctx.op('Div', [g, denom]);
    }
    coef = w ? ctx.op('Mul', [w, scale]) : ctx.op('Expand', [scale, shape(ctx, t)]);
  } else {
    throw new RuleError(`reduction="${reduction}" is not supported`);
  }
  return { targets: t, coef: ctx.op('Neg', [coef]) };
}

function scatterAtTargets(ctx: RuleContext, input: string, targets: string, coef: string): string {
  return ctx.op('ScatterElements', [zerosLike(ctx, input), unsqueeze(ctx, targets, [1]), unsqueeze(ctx, coef, [1])], { axis: 1 });
}

const NegativeLogLikelihoodLoss: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const input = ctx.node.input[0];
    const { targets, coef } = nllCoefficients(ctx, gradOut(ctx), input);
    out[0] = scatterAtTargets(ctx, input, targets, coef);
    return out;
  },
};

/** loss = NLL(LogSoftmax(scores, axis 1)); the optional log_prob output can carry a gradient of its own. */
const SoftmaxCrossEntropyLoss: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const scores = ctx.node.input[0];
    const logProb = ctx.node.output.length > 1 && ctx.node.output[1] ? ctx.node.output[1] : ctx.op('LogSoftmax', [scores], { axis: 1 });
    let glp: string | null = null;
    if (ctx.gradOutputs[0]) {
      const { targets, coef } = nllCoefficients(ctx, ctx.gradOutputs[0], scores);
      glp = scatterAtTargets(ctx, scores, targets, coef);
    }
    const g1 = ctx.gradOutputs[1] ?? null;
    if (g1) glp = glp ? ctx.op('Add', [glp, g1]) : g1;
    if (!glp) return out;
    const sum = ctx.op('ReduceSum', [glp, ctx.ints([1])], { keepdims: 1 });
    out[0] = ctx.op('Sub', [glp, ctx.op('Mul', [ctx.op('Exp', [logProb]), sum])]);
    return out;
  },
};

export const lossRules: RuleTable = { NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss };
