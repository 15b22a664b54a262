// Elementwise arithmetic (with numpy broadcasting), casts and pass-through ops. Non-smooth selections (Abs, Max, Min,
// Clip, a parameter-dependent Where condition) go through ctx.gate so that the gated model holds them fixed.
import type { Rule, RuleContext, RuleTable } from './types.js';
import { castLike, castMaskLike, ELEM_CODE, gradOut, hasInput, maskWhere, needs, nulls, RuleError, timesSign, unary } from './util.js';

const unb = (ctx: RuleContext, g: string, i: number): string => ctx.unbroadcast(g, ctx.node.input[i]);

const Add: Rule = {
  vjp(ctx) {
    const g = gradOut(ctx);
    return [needs(ctx, 0) ? unb(ctx, g, 0) : null, needs(ctx, 1) ? unb(ctx, g, 1) : null];
  },
};

const Sub: Rule = {
  vjp(ctx) {
    const g = gradOut(ctx);
    return [needs(ctx, 0) ? unb(ctx, g, 0) : null, needs(ctx, 1) ? unb(ctx, ctx.op('Neg', [g]), 1) : null];
  },
};

const Mul: Rule = {
  vjp(ctx) {
    const g = gradOut(ctx);
    const [a, b] = ctx.node.input;
    return [
      needs(ctx, 0) ? unb(ctx, ctx.op('Mul', [g, b]), 0) : null,
      needs(ctx, 1) ? unb(ctx, ctx.op('Mul', [g, a]), 1) : null,
    ];
  },
};

const Div: Rule = {
  vjp(ctx) {
    const g = gradOut(ctx);
    const [, b] = ctx.node.input;
    const y = ctx.node.output[0];
    // d(a/b)/db = -a/b^2 = -y/b
    return [
      needs(ctx, 0) ? unb(ctx, ctx.op('Div', [g, b]), 0) : null,
      needs(ctx, 1) ? unb(ctx, ctx.op('Neg', [ctx.op('Mul', [g, ctx.op('Div', [y, b])])]), 1) : null,
    ];
  },
};

/** Variadic Sum (and Mean, scaled) : every input gets the gradient, summed over its broadcast dims. */
function variadicSum(scaleByCount: boolean): Rule {
  return {
    vjp(ctx) {
      let g = gradOut(ctx);
      if (scaleByCount) g = ctx.op('Div', [g, ctx.scalarLike(ctx.node.input.length, g)]);
      return ctx.node.input.map((_, i) => (needs(ctx, i) ? unb(ctx, g, i) : null));
    },
  };
}

const Neg = unary((ctx, g) => ctx.op('Neg', [g]));
const Exp = unary((ctx, g, _x, y) => ctx.op('Mul', [g, y]));
const Log = unary((ctx, g, x) => ctx.op('Div', [g, x]));
const Reciprocal = unary((ctx, g, _x, y) => ctx.op('Neg', [ctx.op('Mul', [g, ctx.op('Mul', [y, y])])]));
const Sqrt = unary((ctx, g, _x, y) => ctx.op('Div', [g, ctx.op('Mul', [y, ctx.scalarLike(2, y)])]));
const Sin = unary((ctx, g, x) => ctx.op('Mul', [g, ctx.op('Cos', [x])]));
const Cos = unary((ctx, g, x) => ctx.op('Neg', [ctx.op('Mul', [g, ctx.op('Sin', [x])])]));

const Tan = unary((ctx, g, _x, y) => ctx.op('Mul', [g, ctx.op('Add', [ctx.scalarLike(1, y), ctx.op('Mul', [y, y])])]));
const Atan = unary((ctx, g, x) => ctx.op('Div', [g, ctx.op('Add', [ctx.scalarLike(1, x), ctx.op('Mul', [x, x])])]));
const Sinh = unary((ctx, g, x) => ctx.op('Mul', [g, ctx.op('Cosh', [x])]));
const Cosh = unary((ctx, g, x) => ctx.op('Mul', [g, ctx.op('Sinh', [x])]));
const oneMinusSq = (ctx: RuleContext, x: string) => ctx.op('Sqrt', [ctx.op('Sub', [ctx.scalarLike(1, x), ctx.op('Mul', [x, x])])]);
const Asin = unary((ctx, g, x) => ctx.op('Div', [g, oneMinusSq(ctx, x)]));
const Acos = unary((ctx, g, x) => ctx.op('Neg', [ctx.op('Div', [g, oneMinusSq(ctx, x)])]));

const Identity: Rule = unary((_ctx, g) => g);

/** Dropout in inference mode is the identity on output 0 (the mask output carries no gradient). */
const Dropout: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (needs(ctx, 0)) out[0] = gradOut(ctx, 0);
    return out;
  },
};

/** Cast back to the input's float type; casts from or to integer types carry no gradient. */
const Cast: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const to = ctx.attr<number>('to');
    if (to !== ELEM_CODE.float && to !== ELEM_CODE.double && to !== 10 && to !== 16) return out;
    const t = ctx.info(x).elemType;
    if (t === 'float' || t === 'double') out[0] = ctx.op('Cast', [gradOut(ctx)], { to: ELEM_CODE[t] });
    else if (t === undefined) out[0] = castLike(ctx, gradOut(ctx), x);
    return out;
  },
};

/** y = a^b: dy/da = b a^(b-1), dy/db = y ln a (taken as 0 where a == 0, as PyTorch does for b >= 0). */
const Pow: Rule = {
  vjp(ctx) {
    const g = gradOut(ctx);
    const [a, b] = ctx.node.input;
    const y = ctx.node.output[0];
    const out = nulls(ctx);
    if (needs(ctx, 0)) {
      const bf = ctx.info(b).elemType === ctx.info(a).elemType && ctx.info(a).elemType ? b : castLike(ctx, b, a);
      const bm1 = ctx.op('Sub', [bf, ctx.scalarLike(1, a)]);
      out[0] = unb(ctx, ctx.op('Mul', [g, ctx.op('Mul', [bf, ctx.op('Pow', [a, bm1])])]), 0);
    }
    if (needs(ctx, 1)) {
      const zero = ctx.op('Equal', [a, ctx.scalarLike(0, a)]);
      const lna = ctx.op('Where', [zero, ctx.scalarLike(0, a), ctx.op('Log', [a])]);
      out[1] = unb(ctx, ctx.op('Mul', [g, ctx.op('Mul', [y, lna])]), 1);
    }
    return out;
  },
};

// ---- non-smooth: selections are gates ----

/**
 * |x|: the sign is held by the gates `neg` (x < 0) and `pos` (x > 0). At x == 0 both are false: the slope is
 * sign(0) = 0 as in PyTorch's abs backward, and the frozen forward is 0 there.
 */
function absSign(ctx: RuleContext): { neg: string; pos: string } {
  const x = ctx.node.input[0];
  const neg = ctx.gate('neg', () => ctx.op('Less', [x, ctx.scalarLike(0, x)]));
  const pos = ctx.gate('pos', () => ctx.op('Greater', [x, ctx.scalarLike(0, x)]));
  return { neg, pos };
}

const Abs: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const { neg, pos } = absSign(ctx);
    out[0] = timesSign(ctx, gradOut(ctx), neg, pos);
    return out;
  },
  frozenForward(ctx) {
    const { neg, pos } = absSign(ctx);
    return [timesSign(ctx, ctx.node.input[0], neg, pos)];
  },
};

/**
 * Max/Min over n broadcast inputs: gate `sel<i>` marks, in the output's shape, where input i equals the result. Tied
 * inputs share the gradient equally, as PyTorch's torch.maximum / torch.minimum backward splits it in half at
 * a == b (the exporter writes those as two-input Max / Min); the frozen forward is the same weighted sum.
 */
function extremum(): Rule {
  const weights = (ctx: RuleContext): string[] => {
    const ins = ctx.node.input;
    const y = ctx.node.output[0];
    // Equal broadcasts x_i to y's shape (y always has the full broadcast shape).
    const sels = ins.map((x, i) => ctx.gate(`sel${i}`, () => ctx.op('Equal', [x, y])));
    const ones = sels.map((m) => castMaskLike(ctx, m, y));
    const count = ones.length === 1 ? ones[0] : ctx.op('Sum', ones);
    // count >= 1 wherever y is finite; the Max guards the NaN positions, where no input equals y.
    const inv = ctx.op('Reciprocal', [ctx.op('Max', [count, ctx.scalarLike(1, y)])]);
    return ones.map((o) => ctx.op('Mul', [o, inv]));
  };
  return {
    vjp(ctx) {
      const out = nulls(ctx);
      if (ctx.node.input.length === 1) {
        if (needs(ctx, 0)) out[0] = gradOut(ctx);
        return out;
      }
      const g = gradOut(ctx);
      const w = weights(ctx);
      ctx.node.input.forEach((_, i) => {
        if (needs(ctx, i)) out[i] = unb(ctx, ctx.op('Mul', [g, w[i]]), i);
      });
      return out;
    },
    frozenForward(ctx) {
      const ins = ctx.node.input;
      if (ins.length === 1) return [ctx.op('Identity', [ins[0]])];
      const w = weights(ctx);
      // y = sum_i w_i x_i; each term has y's shape because w_i does.
      let y = ctx.op('Mul', [w[0], ins[0]]);
      for (let i = 1; i < ins.length; i++) y = ctx.op('Add', [y, ctx.op('Mul', [w[i], ins[i]])]);
      return [y];
    },
  };
}

/**
 * Clip(x, min, max) with min/max as inputs (opset >= 11): gates `lo` and `hi` hold the clipped sides. With both bounds
 * the gradient reaches x only strictly inside (min, max), as in PyTorch's hardtanh backward: the exporter writes
 * nn.ReLU6 and nn.Hardtanh (MobileNet's activations) as such a Clip, and ReLU6 inputs sit exactly at 0 wherever a
 * zero-padded or zero-valued region feeds it. torch.clamp(x, a, b) is exported as the same Clip but passes the
 * gradient at the bounds (a <= x <= b); one ONNX op cannot follow both, and the modules are what classification
 * models use. A one-sided Clip only comes from torch.clamp / clamp_min / clamp_max (e.g. F.normalize's clamp_min(eps)):
 * it keeps clamp's convention, the gradient passes at the bound. At a bound the held value is the bound itself, so
 * the frozen forward agrees with the live one at θ.
 */
const Clip: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const { lo, hi } = clipGates(ctx);
    if (needs(ctx, 0)) {
      const outside = lo && hi ? ctx.op('Or', [lo, hi]) : (lo ?? hi);
      out[0] = outside ? maskWhere(ctx, ctx.op('Not', [outside]), g) : g;
    }
    if (needs(ctx, 1) && lo) out[1] = unb(ctx, maskWhere(ctx, hi ? ctx.op('And', [lo, ctx.op('Not', [hi])]) : lo, g), 1);
    if (needs(ctx, 2) && hi) out[2] = unb(ctx, maskWhere(ctx, hi, g), 2);
    return out;
  },
  frozenForward(ctx) {
    const [x] = ctx.node.input;
    const { lo, hi } = clipGates(ctx);
    let y = x;
    // ONNX: y = min(max(x, min), max), so max wins when min > max.
    if (lo) y = ctx.op('Where', [lo, ctx.node.input[1], y]);
    if (hi) y = ctx.op('Where', [hi, ctx.node.input[2], y]);
    if (y === x) y = ctx.op('Identity', [x]);
    return [y];
  },
};

function clipGates(ctx: RuleContext): { lo: string | null; hi: string | null } {
  if (ctx.opset < 11) throw new RuleError('Clip with min/max attributes (opset < 11) is not supported');
  const x = ctx.node.input[0];
  const twoSided = hasInput(ctx, 1) && hasInput(ctx, 2);
  const lo = hasInput(ctx, 1) ? ctx.gate('lo', () => ctx.op(twoSided ? 'LessOrEqual' : 'Less', [x, ctx.node.input[1]])) : null;
  // hi compares the already lower-clipped value, so that min > max gives max everywhere as in ONNX.
  const hi = hasInput(ctx, 2)
    ? ctx.gate('hi', () => {
        const xl = hasInput(ctx, 1) ? ctx.op('Max', [x, ctx.node.input[1]]) : x;
        return ctx.op(twoSided ? 'GreaterOrEqual' : 'Greater', [xl, ctx.node.input[2]]);
      })
    : null;
  return { lo, hi };
}

/** Where(c, a, b): the condition is a gate when it is computed from parameters. */
const Where: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    const g = gradOut(ctx);
    const c = whereCond(ctx);
    if (needs(ctx, 1)) out[1] = unb(ctx, maskWhere(ctx, c, g), 1);
    if (needs(ctx, 2)) out[2] = unb(ctx, maskWhere(ctx, ctx.op('Not', [c]), g), 2);
    return out;
  },
  frozenForward(ctx) {
    const [, a, b] = ctx.node.input;
    return [ctx.op('Where', [whereCond(ctx), a, b])];
  },
};

function whereCond(ctx: RuleContext): string {
  const c = ctx.node.input[0];
  const dep = ctx.dependsOnParams ? ctx.dependsOnParams(c) : true;
  return dep ? ctx.gate('cond', () => ctx.op('Identity', [c])) : c;
}

export const elementwiseRules: RuleTable = {
  Add,
  Sub,
  Mul,
  Div,
  Sum: variadicSum(false),
  Mean: variadicSum(true),
  Neg,
  Exp,
  Log,
  Reciprocal,
  Sqrt,
  Sin,
  Cos,
  Tan,
  Atan,
  Sinh,
  Cosh,
  Asin,
  Acos,
  Pow,
  Abs,
  Max: extremum(),
  Min: extremum(),
  Clip,
  Where,
  Cast,
  Identity,
  Dropout,
};


