// Activations. Relu, LeakyRelu, PRelu, Elu and Selu have a kink at 0: their branch selection is the gate `mask`
// (x > 0, as PyTorch's threshold / leaky_relu / elu backward use: at 0 the slope is the negative side's) and
// frozenForward evaluates the held branch.
import type { Rule, RuleContext, RuleTable } from './types.js';
import { gradOut, maskWhere, needs, nulls, reduceSum, RuleError, unary } from './util.js';

function positiveMask(ctx: RuleContext): string {
  const x = ctx.node.input[0];
  return ctx.gate('mask', () => ctx.op('Greater', [x, ctx.scalarLike(0, x)]));
}

const Relu: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = maskWhere(ctx, positiveMask(ctx), gradOut(ctx));
    return out;
  },
  frozenForward(ctx) {
    return [maskWhere(ctx, positiveMask(ctx), ctx.node.input[0])];
  },
};

const LeakyRelu: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const alpha = ctx.attr<number>('alpha', 0.01);
    const g = gradOut(ctx);
    out[0] = ctx.op('Where', [positiveMask(ctx), g, ctx.op('Mul', [g, ctx.scalarLike(alpha, g)])]);
    return out;
  },
  frozenForward(ctx) {
    const x = ctx.node.input[0];
    const alpha = ctx.attr<number>('alpha', 0.01);
    return [ctx.op('Where', [positiveMask(ctx), x, ctx.op('Mul', [x, ctx.scalarLike(alpha, x)])])];
  },
};

/** PRelu(x, slope), slope broadcast to x. */
const PRelu: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const [x, slope] = ctx.node.input;
    const g = gradOut(ctx);
    const mask = positiveMask(ctx);
    if (needs(ctx, 0)) out[0] = ctx.op('Where', [mask, g, ctx.op('Mul', [g, slope])]);
    if (needs(ctx, 1)) {
      const gs = ctx.op('Where', [mask, ctx.scalarLike(0, g), ctx.op('Mul', [g, x])]);
      out[1] = ctx.unbroadcast(gs, slope);
    }
    return out;
  },
  frozenForward(ctx) {
    const [x, slope] = ctx.node.input;
    return [ctx.op('Where', [positiveMask(ctx), x, ctx.op('Mul', [x, slope])])];
  },
};

// y (1 - y)
const Sigmoid = unary((ctx, g, _x, y) => ctx.op('Mul', [g, ctx.op('Mul', [y, ctx.op('Sub', [ctx.scalarLike(1, y), y])])]));
// 1 - y^2
const Tanh = unary((ctx, g, _x, y) => ctx.op('Mul', [g, ctx.op('Sub', [ctx.scalarLike(1, y), ctx.op('Mul', [y, y])])]));
// softplus' = sigmoid
const Softplus = unary((ctx, g, x) => ctx.op('Mul', [g, ctx.op('Sigmoid', [x])]));
// erf' = 2/sqrt(pi) e^{-x^2}
const Erf = unary((ctx, g, x) => {
  const e = ctx.op('Exp', [ctx.op('Neg', [ctx.op('Mul', [x, x])])]);
  return ctx.op('Mul', [g, ctx.op('Mul', [e, ctx.scalarLike(2 / Math.sqrt(Math.PI), x)])]);
});

/** Gelu (opset 20): exact (erf) or tanh approximation. */
const Gelu = unary((ctx, g, x) => {
  const approx = ctx.attr<string>('approximate', 'none');
  const c = (v: number) => ctx.scalarLike(v, x);
  const mul = (a: string, b: string) => ctx.op('Mul', [a, b]);
  let d: string;
  if (approx === 'none') {
    // Phi(x) + x phi(x)
    const cdf = mul(ctx.op('Add', [ctx.op('Erf', [mul(x, c(Math.SQRT1_2))]), c(1)]), c(0.5));
    const pdf = mul(ctx.op('Exp', [mul(mul(x, x), c(-0.5))]), c(1 / Math.sqrt(2 * Math.PI)));
    d = ctx.op('Add', [cdf, mul(x, pdf)]);
  } else if (approx === 'tanh') {
    const k = Math.sqrt(2 / Math.PI);
    const x2 = mul(x, x);
    const inner = mul(mul(ctx.op('Add', [mul(x2, c(0.044715)), c(1)]), x), c(k));
    const t = ctx.op('Tanh', [inner]);
    const dInner = mul(ctx.op('Add', [mul(x2, c(3 * 0.044715)), c(1)]), c(k));
    const sech2 = ctx.op('Sub', [c(1), mul(t, t)]);
    d = ctx.op('Add', [mul(ctx.op('Add', [t, c(1)]), c(0.5)), mul(mul(mul(x, c(0.5)), sech2), dInner)]);
  } else {
    throw new RuleError(`Gelu approximate="${approx}" is not supported`);
  }
  return mul(g, d);
});

function softmaxAxis(ctx: RuleContext): number {
  if (ctx.opset < 13) throw new RuleError('Softmax/LogSoftmax before opset 13 (2-D coercion) is not supported');
  return ctx.attr<number>('axis', -1);
}

/** dx = y (g - sum(g y)) along the axis. */
const Softmax = unary((ctx, g, _x, y) => {
  const axis = softmaxAxis(ctx);
  const gy = ctx.op('Mul', [g, y]);
  return ctx.op('Sub', [gy, ctx.op('Mul', [y, reduceSum(ctx, gy, [axis], true)])]);
});

/** dx = g - softmax(x) sum(g) along the axis, softmax = exp(y). */
const LogSoftmax = unary((ctx, g, _x, y) => {
  const axis = softmaxAxis(ctx);
  return ctx.op('Sub', [g, ctx.op('Mul', [ctx.op('Exp', [y]), reduceSum(ctx, g, [axis], true)])]);
});

/**
 * Elu and Selu: gamma x for x > 0, gamma alpha (e^x - 1) otherwise (a kink at 0 unless alpha = 1). At x == 0
 * PyTorch's backward takes the negative side (slope gamma alpha) but its double backward the positive one (curvature
 * 0): gate `tie` (x == 0) holds that tangent line, gamma alpha x, so that the frozen Hessian is PyTorch's there too.
 */
function expLinear(defaults: { alpha: number; gamma: number | null }): Rule {
  const coefs = (ctx: RuleContext) => ({
    alpha: ctx.attr<number>('alpha', defaults.alpha),
    gamma: defaults.gamma === null ? 1 : ctx.attr<number>('gamma', defaults.gamma),
  });
  const tieGate = (ctx: RuleContext) => {
    const x = ctx.node.input[0];
    return ctx.gate('tie', () => ctx.op('Equal', [x, ctx.scalarLike(0, x)]));
  };
  return {
    vjp(ctx) {
      const out = nulls(ctx);
      if (!needs(ctx, 0)) return out;
      const x = ctx.node.input[0];
      const { alpha, gamma } = coefs(ctx);
      const g = gradOut(ctx);
      const slopeNeg = ctx.op('Where', [tieGate(ctx), ctx.scalarLike(alpha * gamma, x), ctx.op('Mul', [ctx.op('Exp', [x]), ctx.scalarLike(alpha * gamma, x)])]);
      out[0] = ctx.op('Where', [positiveMask(ctx), ctx.op('Mul', [g, ctx.scalarLike(gamma, g)]), ctx.op('Mul', [g, slopeNeg])]);
      return out;
    },
    frozenForward(ctx) {
      const x = ctx.node.input[0];
      const { alpha, gamma } = coefs(ctx);
      const neg = ctx.op('Mul', [ctx.op('Sub', [ctx.op('Exp', [x]), ctx.scalarLike(1, x)]), ctx.scalarLike(alpha * gamma, x)]);
      const held = ctx.op('Where', [tieGate(ctx), ctx.op('Mul', [x, ctx.scalarLike(alpha * gamma, x)]), neg]);
      return [ctx.op('Where', [positiveMask(ctx), ctx.op('Mul', [x, ctx.scalarLike(gamma, x)]), held])];
    },
  };
}

const Elu = expLinear({ alpha: 1, gamma: null });
const Selu = expLinear({ alpha: 1.67326319217681884765625, gamma: 1.05070102214813232421875 });

/** ThresholdedRelu: x for x > alpha, else 0 (a jump at alpha: gate `mask`). */
const ThresholdedRelu: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = maskWhere(ctx, thresholdMask(ctx), gradOut(ctx));
    return out;
  },
  frozenForward(ctx) {
    return [maskWhere(ctx, thresholdMask(ctx), ctx.node.input[0])];
  },
};

function thresholdMask(ctx: RuleContext): string {
  const x = ctx.node.input[0];
  return ctx.gate('mask', () => ctx.op('Greater', [x, ctx.scalarLike(ctx.attr<number>('alpha', 1), x)]));
}

/**
 * HardSigmoid clip(alpha x + beta, 0, 1) and HardSwish x * HardSigmoid(x) with alpha = 1/6, beta = 1/2: gates `lo`
 * and `hi` hold the saturated pieces. Knots as in PyTorch 1.13's CPU kernels: Hardsigmoid's slope is 0 at x = +-3
 * (its backward keeps only -3 < x < 3). Hardswish takes the middle piece at -3 (slope -1/2) and the identity piece at
 * +3 (slope 1): that is its vectorised kernel (`self >= 3` selects grad); the scalar loop, which only handles the last
 * few elements of a tensor, returns 3/2 there, so PyTorch itself is inconsistent at +3 and we follow what it gives for
 * all but a tensor's tail. Up to opset 13 the exporter writes Hardswish as Mul(x, HardSigmoid(x)); src/onnx/fusions.ts
 * folds that back into HardSwish before differentiation, so that it gets Hardswish's convention.
 * The knots are compared on x (-beta/alpha and (1-beta)/alpha rounded to x's type), not on alpha x + beta, whose
 * float32 rounding at x = -3 can land on either side of 0.
 */
function hardGates(ctx: RuleContext, alpha: number, beta: number, hardswishKnots: boolean): { lo: string; hi: string; lin: string } {
  const x = ctx.node.input[0];
  const kLo = -beta / alpha;
  const kHi = (1 - beta) / alpha;
  const lo = ctx.gate('lo', () => ctx.op(hardswishKnots ? 'Less' : 'LessOrEqual', [x, ctx.scalarLike(kLo, x)]));
  const hi = ctx.gate('hi', () => ctx.op('GreaterOrEqual', [x, ctx.scalarLike(kHi, x)]));
  const lin = ctx.op('Add', [ctx.op('Mul', [x, ctx.scalarLike(alpha, x)]), ctx.scalarLike(beta, x)]);
  return { lo, hi, lin };
}

const HardSigmoid: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const alpha = ctx.attr<number>('alpha', 0.2);
    const { lo, hi } = hardGates(ctx, alpha, ctx.attr<number>('beta', 0.5), false);
    const g = gradOut(ctx);
    out[0] = ctx.op('Where', [ctx.op('Or', [lo, hi]), ctx.scalarLike(0, g), ctx.op('Mul', [g, ctx.scalarLike(alpha, g)])]);
    return out;
  },
  frozenForward(ctx) {
    const x = ctx.node.input[0];
    const { lo, hi, lin } = hardGates(ctx, ctx.attr<number>('alpha', 0.2), ctx.attr<number>('beta', 0.5), false);
    return [ctx.op('Where', [lo, ctx.scalarLike(0, x), ctx.op('Where', [hi, ctx.scalarLike(1, x), lin])])];
  },
};

/**
 * HardSwish. The middle piece x (x/6 + 1/2) is curved; at x == -3 PyTorch's backward takes its slope (-1/2) but the
 * double backward gives curvature 0: gate `tie` (x == -3) holds the tangent -(x + 3)/2 there.
 */
const HardSwish: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const { lo, hi } = hardGates(ctx, 1 / 6, 0.5, true);
    const g = gradOut(ctx);
    // d/dx x (x/6 + 1/2) = x/3 + 1/2
    const slope = ctx.op('Where', [hardswishTie(ctx), ctx.scalarLike(-0.5, x), ctx.op('Add', [ctx.op('Mul', [x, ctx.scalarLike(1 / 3, x)]), ctx.scalarLike(0.5, x)])]);
    out[0] = ctx.op('Where', [lo, ctx.scalarLike(0, g), ctx.op('Where', [hi, g, ctx.op('Mul', [g, slope])])]);
    return out;
  },
  frozenForward(ctx) {
    const x = ctx.node.input[0];
    const { lo, hi, lin } = hardGates(ctx, 1 / 6, 0.5, true);
    const tangent = ctx.op('Mul', [ctx.op('Add', [x, ctx.scalarLike(3, x)]), ctx.scalarLike(-0.5, x)]);
    const mid = ctx.op('Where', [hardswishTie(ctx), tangent, ctx.op('Mul', [x, lin])]);
    return [ctx.op('Where', [lo, ctx.scalarLike(0, x), ctx.op('Where', [hi, x, mid])])];
  },
};

function hardswishTie(ctx: RuleContext): string {
  const x = ctx.node.input[0];
  return ctx.gate('tie', () => ctx.op('Equal', [x, ctx.scalarLike(-3, x)]));
}

// Celu is C1 (slope 1 on both sides of 0), so a live branch choice puts no jump into the gradient.
const Celu = unary((ctx, g, x) => {
  const alpha = ctx.attr<number>('alpha', 1);
  const pos = ctx.op('Greater', [x, ctx.scalarLike(0, x)]);
  const negSlope = ctx.op('Exp', [ctx.op('Div', [x, ctx.scalarLike(alpha, x)])]);
  return ctx.op('Mul', [g, ctx.op('Where', [pos, ctx.scalarLike(1, x), negSlope])]);
});
// softsign' = 1 / (1 + |x|)^2 (continuous at 0)
const Softsign = unary((ctx, g, x) => {
  const d = ctx.op('Add', [ctx.op('Abs', [x]), ctx.scalarLike(1, x)]);
  return ctx.op('Div', [g, ctx.op('Mul', [d, d])]);
});
// mish = x tanh(softplus(x)): tanh(sp) + x sech^2(sp) sigmoid(x)
const Mish = unary((ctx, g, x) => {
  const t = ctx.op('Tanh', [ctx.op('Softplus', [x])]);
  const sech2 = ctx.op('Sub', [ctx.scalarLike(1, x), ctx.op('Mul', [t, t])]);
  const d = ctx.op('Add', [t, ctx.op('Mul', [ctx.op('Mul', [x, sech2]), ctx.op('Sigmoid', [x])])]);
  return ctx.op('Mul', [g, d]);
});

export const activationRules: RuleTable = {
  Selu,
  ThresholdedRelu,
  HardSigmoid,
  HardSwish,
  Celu,
  Softsign,
  Mish,
  Relu,
  LeakyRelu,
  PRelu,
  Elu,
  Sigmoid,
  Tanh,
  Softplus,
  Erf,
  Gelu,
  Softmax,
  LogSoftmax,
};
