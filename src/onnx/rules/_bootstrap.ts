// TEMPORARY minimal rules (gradient-builder engineer) so the builder can be tested before src/onnx/rules/index.ts
// exists. The rules engineer's table replaces every entry here; delete this file once it covers these ops.
import type { Rule, RuleContext, RuleTable } from './types.js';

const unary = (f: (ctx: RuleContext, x: string, y: string, g: string) => string): Rule => ({
  vjp(ctx) {
    const g = ctx.gradOutputs[0];
    if (!g || !ctx.needsGrad[0]) return [null];
    return [f(ctx, ctx.node.input[0], ctx.node.output[0], g)];
  },
});

export const bootstrapRules: RuleTable = {
  Identity: unary((_c, _x, _y, g) => g),
  Tanh: unary((c, _x, y, g) => c.op('Mul', [g, c.op('Sub', [c.scalarLike(1, y), c.op('Mul', [y, y])])])),
  Sigmoid: unary((c, _x, y, g) => c.op('Mul', [g, c.op('Mul', [y, c.op('Sub', [c.scalarLike(1, y), y])])])),
  Softplus: unary((c, x, _y, g) => c.op('Mul', [g, c.op('Sigmoid', [x])])),
  Relu: {
    vjp(ctx) {
      const g = ctx.gradOutputs[0];
      if (!g || !ctx.needsGrad[0]) return [null];
      const x = ctx.node.input[0];
      const mask = ctx.gate('mask', () => ctx.op('Greater', [x, ctx.scalarLike(0, x)]));
      return [ctx.op('Mul', [g, ctx.op('Cast', [mask], { to: 1 })])];
    },
    frozenForward(ctx) {
      const x = ctx.node.input[0];
      const mask = ctx.gate('mask', () => ctx.op('Greater', [x, ctx.scalarLike(0, x)]));
      return [ctx.op('Mul', [x, ctx.op('Cast', [mask], { to: 1 })])];
    },
  },
  Flatten: unary((c, x, _y, g) => c.op('Reshape', [g, c.op('Shape', [x])])),
  Add: {
    vjp(ctx) {
      const g = ctx.gradOutputs[0];
      if (!g) return [null, null];
      const [a, b] = ctx.node.input;
      return [ctx.needsGrad[0] ? ctx.unbroadcast(g, a) : null, ctx.needsGrad[1] ? ctx.unbroadcast(g, b) : null];
    },
  },
  MatMul: {
    vjp(ctx) {
      const g = ctx.gradOutputs[0];
      if (!g) return [null, null];
      const [a, b] = ctx.node.input;
      const ra = ctx.info(a).rank, rb = ctx.info(b).rank;
      if (ra !== 2 || rb !== 2) throw new Error('bootstrap MatMul handles rank-2 operands only');
      return [
        ctx.needsGrad[0] ? ctx.op('Gemm', [g, b], { transB: 1 }) : null,
        ctx.needsGrad[1] ? ctx.op('Gemm', [a, g], { transA: 1 }) : null,
      ];
    },
  },
  Gemm: {
    vjp(ctx) {
      const g = ctx.gradOutputs[0];
      if (!g) return [null, null, null];
      const [a, b, c] = ctx.node.input;
      const alpha = ctx.attr<number>('alpha', 1);
      const beta = ctx.attr<number>('beta', 1);
      const tA = ctx.attr<number>('transA', 0);
      const tB = ctx.attr<number>('transB', 0);
      const al = { float: alpha };
      const dA = !ctx.needsGrad[0] ? null
        : !tA ? ctx.op('Gemm', [g, b], { alpha: al, transB: tB ? 0 : 1 })
        : ctx.op('Gemm', [b, g], { alpha: al, transA: tB, transB: 1 });
      const dB = !ctx.needsGrad[1] ? null
        : !tB ? ctx.op('Gemm', [a, g], { alpha: al, transA: tA ? 0 : 1 })
        : ctx.op('Gemm', [g, a], { alpha: al, transA: 1, transB: tA });
      let dC: string | null = null;
      if (c && ctx.needsGrad[2]) {
        const gs = beta === 1 ? g : ctx.op('Mul', [g, ctx.scalarLike(beta, g)]);
        dC = ctx.unbroadcast(gs, c);
      }
      return [dA, dB, dC];
    },
  },
};
