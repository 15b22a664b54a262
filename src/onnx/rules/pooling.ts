// Pooling. MaxPool's argmax is the gate `indices` (int64, flat over the whole input as onnxruntime's MaxPool Indices
// output gives it): the frozen forward gathers at those indices, the vjp scatters back with reduction='add'.
// AveragePool's vjp is the adjoint of a box filter; its per-window divisor is measured in the graph by pooling ones,
// so it follows the runtime's own count_include_pad / ceil_mode conventions.
import type { AttrValue, Rule, RuleContext, RuleTable } from './types.js';
import { convAdjoint, convGeometry } from './linear.js';
import { castLike, copyAttrs, flatten1d, gradOut, needs, nulls, rankOf, RuleError, shape, staticDims, zerosLike } from './util.js';

const POOL_ATTRS = ['auto_pad', 'ceil_mode', 'dilations', 'kernel_shape', 'pads', 'strides'];

function maxPoolIndices(ctx: RuleContext): string {
  const x = ctx.node.input[0];
  return ctx.gate('indices', () => {
    // The forward node's own row-major Indices output when it has one; else our own MaxPool with storage_order 0.
    if (ctx.node.output[1] && ctx.attr<number>('storage_order', 0) === 0) return ctx.op('Identity', [ctx.node.output[1]]);
    const attrs: Record<string, AttrValue> = copyAttrs(ctx, POOL_ATTRS);
    return ctx.emit('MaxPool', [x], attrs, 2)[1];
  });
}

/** Windows never overlap when every stride covers the dilated kernel extent: indices are then unique. */
function windowsDisjoint(ctx: RuleContext): boolean {
  const k = ctx.attr<number[]>('kernel_shape');
  const ones = k.map(() => 1);
  const s = ctx.attr<number[]>('strides', ones);
  const d = ctx.attr<number[]>('dilations', ones);
  return k.every((ki, i) => s[i] >= (ki - 1) * d[i] + 1);
}

const MaxPool: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const g = gradOut(ctx, 0);
    const idx = flatten1d(ctx, maxPoolIndices(ctx));
    const zeros = zerosLike(ctx, flatten1d(ctx, x));
    let scattered: string;
    if (ctx.opset >= 16) {
      scattered = ctx.op('ScatterElements', [zeros, idx, flatten1d(ctx, g)], { axis: 0, reduction: 'add' });
    } else if (windowsDisjoint(ctx)) {
      scattered = ctx.op('ScatterElements', [zeros, idx, flatten1d(ctx, g)], { axis: 0 });
    } else {
      throw new RuleError('MaxPool with overlapping windows needs opset >= 16 (ScatterElements reduction="add")');
    }
    out[0] = ctx.op('Reshape', [scattered, shape(ctx, x)]);
    return out;
  },
  frozenForward(ctx) {
    const x = ctx.node.input[0];
    const indices = maxPoolIndices(ctx);
    const y = ctx.op('Reshape', [ctx.op('GatherElements', [flatten1d(ctx, x), flatten1d(ctx, indices)], { axis: 0 }), shape(ctx, indices)]);
    const outs = [y];
    if (ctx.node.output.length > 1 && ctx.node.output[1] !== '') {
      const so = ctx.attr<number>('storage_order', 0);
      outs.push(so === 0 ? ctx.op('Identity', [indices]) : ctx.emit('MaxPool', [x], { ...copyAttrs(ctx, POOL_ATTRS), storage_order: so }, 2)[1]);
    }
    return outs;
  },
};

const AveragePool: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const g = gradOut(ctx);
    const geo = convGeometry(ctx, x);
    const { nsp, kernel, strides, dilations, pb, pe } = geo;
    const spAxes = Array.from({ length: nsp }, (_, i) => i + 2);
    const ceil = ctx.attr<number>('ceil_mode', 0) === 1;
    // ones of shape [1, 1, spatial...]
    const onesShape = ctx.op('Concat', [ctx.ints([1, 1]), ctx.op('Slice', [shape(ctx, x), ctx.ints([2]), ctx.ints([nsp + 2])])], { axis: 0 });
    const ones = ctx.op('Expand', [ctx.scalarLike(1, x), onesShape]);
    // pooled[o] = w[o] * count[o], where count[o] is the number of real (non-pad) inputs in window o.
    const pooled = ctx.op('AveragePool', [ones], copyAttrs(ctx, [...POOL_ATTRS, 'count_include_pad']));
    const kernelOnes = ctx.constant({ type: ctx.info(x).elemType === 'double' ? 'double' : 'float', dims: [1, 1, ...kernel], values: new Array<number>(kernel.reduce((a, b) => a * b, 1)).fill(1) });
    const kOnes = ctx.info(x).elemType ? kernelOnes : castLike(ctx, kernelOnes, x);
    // ceil_mode may add a last window that a floor-mode conv does not produce: pad the end by stride-1 and crop.
    const extra = strides.map((s) => (ceil ? s - 1 : 0));
    const countFull = ctx.op('Conv', [ones, kOnes], { strides, dilations, pads: [...pb, ...pe.map((p, i) => p + extra[i])] });
    const oshape = ctx.op('Slice', [shape(ctx, pooled), ctx.ints([2]), ctx.ints([nsp + 2])]);
    const count = ctx.op('Slice', [countFull, ctx.ints(new Array<number>(nsp).fill(0)), oshape, ctx.ints(spAxes)]);
    const w = ctx.op('Div', [pooled, ctx.op('Max', [count, ctx.scalarLike(1, x)])]);
    // Adjoint of the window sum, per channel: fold N and C into the batch, one-channel ConvTranspose with a ones kernel.
    const gw = ctx.op('Mul', [g, w]);
    const gShape = ctx.op('Concat', [ctx.ints([-1, 1]), ctx.op('Slice', [shape(ctx, g), ctx.ints([2]), ctx.ints([nsp + 2])])], { axis: 0 });
    const xShape1 = ctx.op('Concat', [ctx.ints([-1, 1]), ctx.op('Slice', [shape(ctx, x), ctx.ints([2]), ctx.ints([nsp + 2])])], { axis: 0 });
    const x1 = ctx.op('Reshape', [x, xShape1]);
    const gx1 = convAdjoint(ctx, ctx.op('Reshape', [gw, gShape]), kOnes, x1, { ...geo, spatial: ceil ? undefined : geo.spatial }, 1);
    out[0] = ctx.op('Reshape', [gx1, shape(ctx, x)]);
    return out;
  },
};

const GlobalAveragePool: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const g = gradOut(ctx);
    const xd = staticDims(ctx, x);
    let count: string;
    if (xd) {
      count = ctx.scalarLike(xd.slice(2).reduce((a, b) => a * b, 1), x);
    } else {
      const n = ctx.op('ReduceProd', [ctx.op('Slice', [shape(ctx, x), ctx.ints([2]), ctx.ints([1 << 30])])], { keepdims: 0 });
      count = castLike(ctx, n, x);
    }
    out[0] = ctx.op('Div', [ctx.op('Expand', [g, shape(ctx, x)]), count]);
    return out;
  },
};

/**
 * GlobalMaxPool: gate `index` is the first (row-major) maximum of each (n, c) plane, where PyTorch's adaptive max
 * pooling (which the exporter writes as GlobalMaxPool for an output size of 1) routes the whole gradient; ArgMax
 * returns the first occurrence. The frozen forward gathers there.
 */
const GlobalMaxPool: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const { flat, index, nc1 } = globalMaxGate(ctx);
    const g = ctx.op('Reshape', [gradOut(ctx), nc1]);
    const scattered = ctx.op('ScatterElements', [zerosLike(ctx, flat), index, g], { axis: 2 });
    out[0] = ctx.op('Reshape', [scattered, shape(ctx, x)]);
    return out;
  },
  frozenForward(ctx) {
    const { flat, index, pooledShape } = globalMaxGate(ctx);
    return [ctx.op('Reshape', [ctx.op('GatherElements', [flat, index], { axis: 2 }), pooledShape])];
  },
};

function globalMaxGate(ctx: RuleContext): { flat: string; index: string; nc1: string; pooledShape: string } {
  const x = ctx.node.input[0];
  const r = rankOf(ctx, x, 'GlobalMaxPool input');
  // Gate computations must emit every node they read (they land in the real graph, the rest may not).
  const ncOf = () => ctx.op('Slice', [shape(ctx, x), ctx.ints([0]), ctx.ints([2])]);
  const flatOf = () => ctx.op('Reshape', [x, ctx.op('Concat', [ncOf(), ctx.ints([-1])], { axis: 0 })]);
  const nc = ncOf();
  const index = ctx.gate('index', () => ctx.op('ArgMax', [flatOf()], { axis: 2, keepdims: 1 }));
  const nc1 = ctx.op('Concat', [nc, ctx.ints([1])], { axis: 0 });
  const pooledShape = ctx.op('Concat', [nc, ctx.ints(new Array<number>(r - 2).fill(1))], { axis: 0 });
  return { flat: flatOf(), index, nc1, pooledShape };
}

/** TopK: the selected indices are the gate `indices`; the values are gathered there and the gradient scattered back. */
const TopK: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0)) return out;
    const x = ctx.node.input[0];
    const g = ctx.gradOutputs[0];
    if (!g) return out;
    out[0] = ctx.op('ScatterElements', [zerosLike(ctx, x), topkIndices(ctx), g], { axis: ctx.attr<number>('axis', -1) });
    return out;
  },
  frozenForward(ctx) {
    const x = ctx.node.input[0];
    const idx = topkIndices(ctx);
    const values = ctx.op('GatherElements', [x, idx], { axis: ctx.attr<number>('axis', -1) });
    return [values, ctx.op('Identity', [idx])];
  },
};

function topkIndices(ctx: RuleContext): string {
  return ctx.gate('indices', () => ctx.emit('TopK', ctx.node.input.slice(0, 2), copyAttrs(ctx, ['axis', 'largest', 'sorted']), 2)[1]);
}

export const poolingRules: RuleTable = { MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool, TopK };
