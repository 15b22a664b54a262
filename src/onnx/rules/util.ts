// Small emitters shared by the rule families. They only use the RuleContext, so they hold no state; each helper hides
// one opset difference or one piece of shape bookkeeping that several rules need.
import type { AttrValue, ElemType, Rule, RuleContext } from './types.js';

/** A rule cannot differentiate this node as configured (attribute, rank, opset). The builder names op, node, param. */
export class RuleError extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = 'RuleError';
    this.detail = detail;
  }
}

export const INT64_MAX = 9223372036854775807n;

/** ONNX TensorProto.DataType codes for Cast's `to`. */
export const ELEM_CODE: Record<ElemType, number> = { float: 1, double: 11, int64: 7, int32: 6, bool: 9 };

/** Whether forward input i exists (optional inputs are absent or the empty name). */
export function hasInput(ctx: RuleContext, i: number): boolean {
  return i < ctx.node.input.length && ctx.node.input[i] !== '';
}

/** Whether the rule must produce a gradient for input i. */
export function needs(ctx: RuleContext, i: number): boolean {
  return hasInput(ctx, i) && !!ctx.needsGrad[i];
}

/** The gradient of the single output; rules of single-output ops call this. */
export function gradOut(ctx: RuleContext, i = 0): string {
  const g = ctx.gradOutputs[i];
  if (!g) throw new RuleError(`no gradient reaches output ${i} of the node`);
  return g;
}

export function nulls(ctx: RuleContext): (string | null)[] {
  return ctx.node.input.map(() => null);
}

/** A rule for a one-input op whose input gradient f computes from the output gradient g, the input x and output y. */
export function unary(f: (ctx: RuleContext, g: string, x: string, y: string) => string): Rule {
  return {
    vjp(ctx) {
      const out = nulls(ctx);
      if (needs(ctx, 0)) out[0] = f(ctx, gradOut(ctx), ctx.node.input[0], ctx.node.output[0]);
      return out;
    },
  };
}

export function rankOf(ctx: RuleContext, t: string, role: string): number {
  const info = ctx.info(t);
  const r = info.rank ?? info.dims?.length;
  if (r === undefined) throw new RuleError(`the rank of ${role} (${t}) is unknown; the rule needs it`);
  return r;
}

/** Static dims if every one is known, else undefined. */
export function staticDims(ctx: RuleContext, t: string): number[] | undefined {
  const d = ctx.info(t).dims;
  return d && d.every((x) => x >= 0) ? d : undefined;
}

export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

export function shape(ctx: RuleContext, x: string): string {
  return ctx.op('Shape', [x]);
}

/** Int64 scalar constant. */
export function int64Scalar(ctx: RuleContext, v: number): string {
  return ctx.constant({ type: 'int64', dims: [], values: [BigInt(v)] });
}

/** Zeros with the shape and element type of x. */
export function zerosLike(ctx: RuleContext, x: string): string {
  return ctx.op('Expand', [ctx.scalarLike(0, x), shape(ctx, x)]);
}

export function flatten1d(ctx: RuleContext, x: string): string {
  return ctx.op('Reshape', [x, ctx.ints([-1])]);
}

/** Casts x (any numeric type) to the element type of `like`. */
export function castLike(ctx: RuleContext, x: string, like: string): string {
  if (ctx.opset >= 15) return ctx.op('CastLike', [x, like]);
  const t = ctx.info(like).elemType;
  if (!t) throw new RuleError(`the element type of ${like} is unknown`);
  return ctx.op('Cast', [x], { to: ELEM_CODE[t] });
}

/** ReduceSum over `axes` (null: all axes). Axes are an input from opset 13 on. */
export function reduceSum(ctx: RuleContext, x: string, axes: number[] | null, keepdims: boolean): string {
  if (axes && axes.length === 0) return x;
  const kd = keepdims ? 1 : 0;
  if (ctx.opset >= 13) return ctx.op('ReduceSum', axes ? [x, ctx.ints(axes)] : [x], { keepdims: kd });
  return ctx.op('ReduceSum', [x], axes ? { axes, keepdims: kd } : { keepdims: kd });
}

/** ReduceMean over `axes`; axes became an input in opset 18. */
export function reduceMean(ctx: RuleContext, x: string, axes: number[], keepdims: boolean): string {
  const kd = keepdims ? 1 : 0;
  if (ctx.opset >= 18) return ctx.op('ReduceMean', [x, ctx.ints(axes)], { keepdims: kd });
  return ctx.op('ReduceMean', [x], { axes, keepdims: kd });
}

export function unsqueeze(ctx: RuleContext, x: string, axes: number[]): string {
  if (axes.length === 0) return x;
  if (ctx.opset >= 13) return ctx.op('Unsqueeze', [x, ctx.ints(axes)]);
  return ctx.op('Unsqueeze', [x], { axes });
}

export function squeeze(ctx: RuleContext, x: string, axes: number[]): string {
  if (axes.length === 0) return x;
  if (ctx.opset >= 13) return ctx.op('Squeeze', [x, ctx.ints(axes)]);
  return ctx.op('Squeeze', [x], { axes });
}

/** Swaps the last two axes of a tensor of rank r >= 2. */
export function transposeLast2(ctx: RuleContext, x: string, r: number): string {
  const perm = Array.from({ length: r }, (_, i) => i);
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return ctx.op('Transpose', [x], { perm });
}

export function invertPerm(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/**
 * a where mask holds, else 0 — the masked tensor of every gated rule. Mul by the mask cast to a's type: in
 * onnxruntime this is markedly faster than Where(mask, a, 0) on large activations (it differs only where a is inf or
 * NaN at a masked-out position).
 */
export function maskWhere(ctx: RuleContext, mask: string, a: string): string {
  return ctx.op('Mul', [a, castMaskLike(ctx, mask, a)]);
}

/** A bool mask as 0/1 of a's float type (Cast with a static target type when known, else CastLike). */
export function castMaskLike(ctx: RuleContext, mask: string, a: string): string {
  const t = ctx.info(a).elemType;
  if (t === 'float' || t === 'double') return ctx.op('Cast', [mask], { to: ELEM_CODE[t] });
  return castLike(ctx, mask, a);
}

export function mulScalar(ctx: RuleContext, x: string, v: number): string {
  if (v === 1) return x;
  return ctx.op('Mul', [x, ctx.scalarLike(v, x)]);
}

/** Copies the named attributes of the forward node that are set (to re-emit a node of the same kind). */
export function copyAttrs(ctx: RuleContext, names: string[]): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  for (const n of names) {
    const v = ctx.attr<AttrValue | undefined>(n, undefined);
    if (v !== undefined && v !== null) out[n] = v;
  }
  return out;
}

export function floatAttr(v: number): AttrValue {
  return { float: v };
}

/** t * sign(x) with sign(x) in {-1, 0, 1} held by the bool gates neg (x < 0) and pos (x > 0); sign(0) = 0. */
export function timesSign(ctx: RuleContext, t: string, neg: string, pos: string): string {
  return ctx.op('Where', [neg, ctx.op('Neg', [t]), maskWhere(ctx, pos, t)]);
}
