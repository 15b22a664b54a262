// GridSample (F.grid_sample, opset 16; opset 20 names bilinear 'linear'): a 4-D input X [N, C, H, W] read at the
// points of a grid [N, Ho, Wo, 2] of (x, y) in [-1, 1], as PyTorch's grid sampler computes it. The point's pixel
// coordinate is ix = gx·a + (W - 1)/2 with a = (W - 1)/2 (align_corners) or W/2; 'border' clips it into [0, W - 1].
// Bilinear: the four pixels around (ix, iy), weighted by the distances to them, with pixels outside the image reading
// 0 ('zeros'); nearest: the pixel at the rounded coordinate (half to even, as PyTorch's nearbyint).
//
// Selections, frozen as gates: the cell a point falls in (floor of its coordinates, or the rounded pixel), and for
// 'border' which points are clipped. Held fixed, the output is a polynomial in the grid and linear in X, so finite
// differences never cross a cell edge. At ties the gradient is PyTorch's: a coordinate on a cell edge takes the cell to
// its right (floor), and a clipped coordinate, one exactly on the border included, has no gradient
// (clip_coordinates_set_grad). 'reflection' and bicubic have no rule.
import type { Rule, RuleContext, RuleTable } from './types.js';
import { castLike, castMaskLike, gradOut, int64Scalar, needs, nulls, rankOf, reduceSum, RuleError, shape, unsqueeze, zerosLike } from './util.js';

interface Axis {
  /** The pixel coordinate [N, Ho, Wo] as sampled (clipped for 'border', through the frozen clip masks). */
  coord: string;
  /** d coord / d grid coordinate: a, times 0 where 'border' clipped. */
  slope: string;
  /** The size of this image axis, int64 [1]. */
  size: string;
}

interface Corner {
  /** Flat pixel index y·W + x [N, C, Ho·Wo], 0 where the pixel lies outside (its weight is then 0 too). */
  index: string;
  /** Weight times inside-ness, [N, 1, Ho·Wo]. */
  weight: string;
  /** d weight / d coordinate along x and y, times inside-ness, [N, 1, Ho·Wo] (bilinear only). */
  dx?: string;
  dy?: string;
}

interface Sampling {
  /** X as [N, C, H·W]. */
  flat: string;
  corners: Corner[];
  x: Axis;
  y: Axis;
  /** [N, C, Ho, Wo]. */
  outShape: string;
}

function mode(ctx: RuleContext): 'linear' | 'nearest' {
  const m = ctx.attr<string>('mode', 'bilinear');
  if (m === 'bilinear' || m === 'linear') return 'linear';
  if (m === 'nearest') return 'nearest';
  throw new RuleError(`GridSample mode '${m}' has no gradient rule (bilinear and nearest have)`);
}

function paddingMode(ctx: RuleContext): 'zeros' | 'border' {
  const p = ctx.attr<string>('padding_mode', 'zeros');
  if (p === 'zeros' || p === 'border') return p;
  throw new RuleError(`GridSample padding_mode '${p}' has no gradient rule (zeros and border have)`);
}

/** The unclipped pixel coordinate along one axis (0: x from grid[..., 0] and W; 1: y from grid[..., 1] and H), from the
 *  node's own inputs only: gate computations call it too, and they land in the graph apart from the rest. */
function rawCoordinate(ctx: RuleContext, which: 0 | 1): { coord: string; a: string; last: string; size: string } {
  const grid = ctx.node.input[1];
  const align = ctx.attr<number>('align_corners', 0) === 1;
  const size = ctx.op('Gather', [shape(ctx, ctx.node.input[0]), ctx.ints([3 - which])], { axis: 0 });
  const sizeF = castLike(ctx, size, grid);
  const half = ctx.scalarLike(0.5, grid);
  const last = ctx.op('Sub', [sizeF, ctx.scalarLike(1, grid)]);
  const a = ctx.op('Mul', [align ? last : sizeF, half]);
  const g = ctx.op('Gather', [grid, int64Scalar(ctx, which)], { axis: 3 });
  return { coord: ctx.op('Add', [ctx.op('Mul', [g, a]), ctx.op('Mul', [last, half])]), a, last, size };
}

/** 'border' clips into [0, last] through the masks given (live or frozen). */
function clip(ctx: RuleContext, coord: string, last: string, low: string, high: string): string {
  return ctx.op('Where', [low, ctx.scalarLike(0, coord), ctx.op('Where', [high, last, coord])]);
}

const lowMask = (ctx: RuleContext, coord: string) => ctx.op('LessOrEqual', [coord, ctx.scalarLike(0, coord)]);
const highMask = (ctx: RuleContext, coord: string, last: string) => ctx.op('GreaterOrEqual', [coord, last]);

/** The coordinate as sampled along one axis, and the cell (or pixel) it falls in, frozen. */
function axis(ctx: RuleContext, which: 0 | 1, linear: boolean): Axis & { cell: string } {
  const grid = ctx.node.input[1];
  const name = which === 0 ? 'x' : 'y';
  const border = paddingMode(ctx) === 'border';
  const { coord, a, last, size } = rawCoordinate(ctx, which);
  const cellOf = (c: string) => ctx.op('Cast', [ctx.op(linear ? 'Floor' : 'Round', [c])], { to: 7 });
  const cell = ctx.gate(linear ? `${name}0` : `${name}n`, () => {
    const live = rawCoordinate(ctx, which);
    return cellOf(border ? clip(ctx, live.coord, live.last, lowMask(ctx, live.coord), highMask(ctx, live.coord, live.last)) : live.coord);
  });
  if (!border) return { coord, slope: a, size, cell };
  // clip_coordinates_set_grad: at or past either border the coordinate is the border, with gradient 0.
  const low = ctx.gate(`${name}_low`, () => lowMask(ctx, rawCoordinate(ctx, which).coord));
  const high = ctx.gate(`${name}_high`, () => {
    const live = rawCoordinate(ctx, which);
    return highMask(ctx, live.coord, live.last);
  });
  const inside = castMaskLike(ctx, ctx.op('Not', [ctx.op('Or', [low, high])]), grid);
  return { coord: clip(ctx, coord, last, low, high), slope: ctx.op('Mul', [a, inside]), size, cell };
}

function sampling(ctx: RuleContext): Sampling {
  const x = ctx.node.input[0];
  const grid = ctx.node.input[1];
  if (rankOf(ctx, x, 'the GridSample input') !== 4) throw new RuleError('GridSample of a volumetric (5-D) input has no gradient rule yet');
  const linear = mode(ctx) === 'linear';
  const xShape = shape(ctx, x);
  const X = axis(ctx, 0, linear);
  const Y = axis(ctx, 1, linear);
  const flat = ctx.op('Reshape', [x, ctx.ints([0, 0, -1])]);
  const toRow = (t: string) => ctx.op('Reshape', [t, ctx.ints([0, 1, -1])]); // [N, Ho, Wo] -> [N, 1, Ho·Wo]
  const channels = ctx.op('Concat', [ctx.ints([1]), ctx.op('Gather', [xShape, ctx.ints([1])], { axis: 0 }), ctx.ints([1])], { axis: 0 });
  const one = ctx.scalarLike(1, grid);

  // The cell (or pixel) of each point is frozen; the weights follow the coordinate within it.
  const x0 = X.cell;
  const y0 = Y.cell;
  const corner = (xi: string, yi: string, w: string, dx?: string, dy?: string): Corner => {
    const zero = int64Scalar(ctx, 0);
    const within = (i: string, size: string) => ctx.op('And', [ctx.op('GreaterOrEqual', [i, zero]), ctx.op('Less', [i, size])]);
    const inside = ctx.op('And', [within(xi, X.size), within(yi, Y.size)]);
    const flatIndex = ctx.op('Where', [inside, ctx.op('Add', [ctx.op('Mul', [yi, X.size]), xi]), zero]);
    const index = ctx.op('Expand', [toRow(flatIndex), channels]);
    const mask = toRow(castMaskLike(ctx, inside, grid));
    const masked = (t?: string) => (t ? ctx.op('Mul', [toRow(t), mask]) : undefined);
    return { index, weight: masked(w)!, dx: masked(dx), dy: masked(dy) };
  };
  let corners: Corner[];
  if (!linear) {
    corners = [corner(x0, y0, ctx.op('Expand', [one, shape(ctx, X.coord)]))];
  } else {
    const x1 = ctx.op('Add', [x0, int64Scalar(ctx, 1)]);
    const y1 = ctx.op('Add', [y0, int64Scalar(ctx, 1)]);
    const wx1 = ctx.op('Sub', [X.coord, castLike(ctx, x0, grid)]);
    const wy1 = ctx.op('Sub', [Y.coord, castLike(ctx, y0, grid)]);
    const wx0 = ctx.op('Sub', [one, wx1]);
    const wy0 = ctx.op('Sub', [one, wy1]);
    const neg = (t: string) => ctx.op('Neg', [t]);
    corners = [
      corner(x0, y0, ctx.op('Mul', [wx0, wy0]), neg(wy0), neg(wx0)),
      corner(x1, y0, ctx.op('Mul', [wx1, wy0]), wy0, neg(wx1)),
      corner(x0, y1, ctx.op('Mul', [wx0, wy1]), neg(wy1), wx0),
      corner(x1, y1, ctx.op('Mul', [wx1, wy1]), wy1, wx1),
    ];
  }
  const outShape = ctx.op('Concat', [ctx.op('Slice', [xShape, ctx.ints([0]), ctx.ints([2])]), ctx.op('Slice', [shape(ctx, grid), ctx.ints([1]), ctx.ints([3])])], { axis: 0 });
  return { flat, corners, x: X, y: Y, outShape };
}

const gather = (ctx: RuleContext, s: Sampling, c: Corner) => ctx.op('GatherElements', [s.flat, c.index], { axis: 2 });

const GridSample: Rule = {
  vjp(ctx) {
    const out = nulls(ctx);
    if (!needs(ctx, 0) && !needs(ctx, 1)) return out;
    if (ctx.opset < 16) throw new RuleError('GridSample needs opset >= 16');
    const s = sampling(ctx);
    const g = ctx.op('Reshape', [gradOut(ctx), ctx.ints([0, 0, -1])]); // [N, C, Ho·Wo]
    if (needs(ctx, 0)) {
      // Every corner's share scattered back at once: indices and values side by side along the pixels.
      const index = ctx.op('Concat', s.corners.map((c) => c.index), { axis: 2 });
      const values = ctx.op('Concat', s.corners.map((c) => ctx.op('Mul', [g, c.weight])), { axis: 2 });
      const dx = ctx.op('ScatterElements', [zerosLike(ctx, s.flat), index, values], { axis: 2, reduction: 'add' });
      out[0] = ctx.op('Reshape', [dx, shape(ctx, ctx.node.input[0])]);
    }
    if (needs(ctx, 1)) {
      const grid = ctx.node.input[1];
      if (mode(ctx) === 'nearest') out[1] = zerosLike(ctx, grid); // piecewise constant in the grid, as in PyTorch
      else {
        const values = s.corners.map((c) => gather(ctx, s, c));
        // dL/dcoord = Σ over channels and corners of g · X[corner] · dweight/dcoord, back to [N, Ho, Wo]
        const along = (A: Axis, pick: (c: Corner) => string) => {
          const sum = s.corners.map((c, i) => ctx.op('Mul', [values[i], pick(c)])).reduce((a, b) => ctx.op('Add', [a, b]));
          const perPoint = ctx.op('Reshape', [reduceSum(ctx, ctx.op('Mul', [g, sum]), [1], false), shape(ctx, A.coord)]);
          return unsqueeze(ctx, ctx.op('Mul', [perPoint, A.slope]), [3]);
        };
        out[1] = ctx.op('Concat', [along(s.x, (c) => c.dx!), along(s.y, (c) => c.dy!)], { axis: 3 });
      }
    }
    return out;
  },
  frozenForward(ctx) {
    const s = sampling(ctx);
    const sum = s.corners.map((c) => ctx.op('Mul', [gather(ctx, s, c), c.weight])).reduce((a, b) => ctx.op('Add', [a, b]));
    return [ctx.op('Reshape', [sum, s.outShape])];
  },
};

export const samplingRules: RuleTable = { GridSample };
