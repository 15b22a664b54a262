// Shape and indexing rules against finite differences of the forward op, in float64 (Resize: float32 only).
import { describe, it } from 'vitest';
import { checkOp, hideShapes, type OpCase } from './helpers/rule-check.js';
import type { AttrValue } from '../src/onnx/rules/types.js';
import type { TensorDef } from './helpers/onnx-builders.js';

const i64 = (name: string, values: number[], dims = [values.length]): TensorDef => ({ name, type: 'int64', dims, values });
const one = (op: string, x: number[], attrs: Record<string, AttrValue> = {}, consts: TensorDef[] = [], extra: Partial<OpCase> = {}): OpCase => ({
  op,
  inputs: ['p_x', ...consts.map((c) => c.name)],
  attrs,
  type: 'double',
  params: [{ name: 'p_x', dims: x }],
  consts,
  ...extra,
});

const cases: [string, OpCase][] = [
  ['Flatten axis=2', one('Flatten', [2, 3, 4, 2], { axis: 2 })],
  ['Reshape with -1 and 0', one('Reshape', [2, 3, 4], {}, [i64('shape', [0, -1, 2])])],
  ['Transpose with perm', one('Transpose', [2, 3, 4], { perm: [1, 2, 0] })],
  ['Transpose default (reversed axes)', one('Transpose', [2, 3, 4])],
  ['Squeeze axes input', one('Squeeze', [2, 1, 3, 1], {}, [i64('axes', [1, -1])])],
  ['Unsqueeze axes input (opset 13)', one('Unsqueeze', [2, 3], {}, [i64('axes', [0, 3])])],
  [
    'Concat of three on axis 1 (one constant)',
    { op: 'Concat', inputs: ['p_a', 'k', 'p_b'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_a', dims: [2, 2, 3] }, { name: 'p_b', dims: [2, 4, 3] }], consts: [{ name: 'k', type: 'double', dims: [2, 1, 3], values: [1, 2, 3, 4, 5, 6] }] },
  ],
  ['Concat on axis 1, shapes unknown to the builder', hideShapes({ op: 'Concat', inputs: ['p_a', 'p_b'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_a', dims: [2, 2, 3] }, { name: 'p_b', dims: [2, 4, 3] }] }, ['p_a', 'p_b'])],
  ['Concat on axis -1', { op: 'Concat', inputs: ['p_a', 'p_b'], attrs: { axis: -1 }, type: 'double', params: [{ name: 'p_a', dims: [3, 2] }, { name: 'p_b', dims: [3, 3] }] }],
  ['Split with a split input, all outputs in the loss', one('Split', [2, 7], { axis: 1 }, [i64('split', [2, 4, 1])], { outputs: 3, lossOutputs: [0, 1, 2] })],
  ['Split num_outputs (opset 18), one output unused', one('Split', [6, 2], { axis: 0, num_outputs: 3 }, [], { outputs: 3, lossOutputs: [0, 2], opset: 18 })],
  ['Split equal parts without split input', one('Split', [2, 6], { axis: -1 }, [], { outputs: 2, lossOutputs: [1, 0] })],
  ['Slice with steps 2 and an axis subset', one('Slice', [5, 6, 3], {}, [i64('starts', [1, 0]), i64('ends', [5, 100]), i64('axes', [0, 1]), i64('steps', [2, 3])])],
  ['Slice with negative steps', one('Slice', [5, 6], {}, [i64('starts', [-1, 4]), i64('ends', [-100, 0]), i64('axes', [0, -1]), i64('steps', [-2, -1])])],
  ['Slice without axes and steps, clamped ends', one('Slice', [4, 3], {}, [i64('starts', [1, -2]), i64('ends', [1000, 3])])],
  ['Gather axis 0: embedding rows with repeats and a negative index', { op: 'Gather', inputs: ['p_e', 'ids'], type: 'double', params: [{ name: 'p_e', dims: [5, 3] }], consts: [i64('ids', [1, 3, 1, -1, 0, 3], [2, 3])] }],
  ['Gather axis 1 with 2-D indices', { op: 'Gather', inputs: ['p_e', 'ids'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_e', dims: [2, 4, 3] }], consts: [i64('ids', [0, 2, 2, -1], [2, 2])] }],
  ['Gather with a scalar index on the last axis', { op: 'Gather', inputs: ['p_e', 'ids'], attrs: { axis: -1 }, type: 'double', params: [{ name: 'p_e', dims: [2, 3, 4] }], consts: [i64('ids', [2], [])] }],
  ['Gather with int32 indices', { op: 'Gather', inputs: ['p_e', 'ids'], type: 'double', params: [{ name: 'p_e', dims: [4, 2] }], consts: [{ name: 'ids', type: 'int32', dims: [3], values: [3, 3, 0] }] }],
  ['Expand with broadcasting and new leading axes', one('Expand', [3, 1], {}, [i64('shape', [2, 1, 4])])],
  ['Pad constant with negative (cropping) pads', one('Pad', [3, 4], {}, [i64('pads', [1, -1, 2, 0])])],
  ['Pad constant on selected axes (opset 18)', one('Pad', [2, 3, 2], {}, [i64('pads', [1, 2, 0, 1]), { name: 'cv', type: 'double', dims: [], values: [0.5] }, i64('axes', [0, 2])], { opset: 18 })],
  ['Pad reflect', one('Pad', [3, 4], { mode: 'reflect' }, [i64('pads', [2, 1, 1, 3])])],
  ['Pad edge on selected axes (opset 18)', one('Pad', [2, 3, 3], { mode: 'edge' }, [i64('pads', [1, 0, 2, 2]), { name: 'cv', type: 'double', dims: [], values: [0] }, i64('axes', [1, 2])], { opset: 18 })],
  ['Pad wrap (opset 19)', one('Pad', [3, 4], { mode: 'wrap' }, [i64('pads', [1, 2, 2, 1])], { opset: 19 })],
  ['Tile, shape unknown to the builder', hideShapes(one('Tile', [2, 3], {}, [i64('repeats', [2, 3])]))],
  ['Slice with negative steps, shape unknown to the builder', hideShapes(one('Slice', [5, 6], {}, [i64('starts', [-1, 4]), i64('ends', [-100, 0]), i64('axes', [0, -1]), i64('steps', [-2, -1])]))],
  ['Gather axis 1, data shape unknown to the builder', hideShapes({ op: 'Gather', inputs: ['p_e', 'ids'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_e', dims: [2, 4, 3] }], consts: [i64('ids', [0, 2, 2, -1], [2, 2])] })],
  ['Tile', one('Tile', [2, 3], {}, [i64('repeats', [3, 2])])],
  ['GatherElements (torch.gather) on axis 1 with repeats and a negative index', { op: 'GatherElements', inputs: ['p_x', 'idx'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_x', dims: [2, 4] }], consts: [i64('idx', [0, 3, 3, -1, 2, 2], [2, 3])] }],
  ['GatherND with repeated index tuples', { op: 'GatherND', inputs: ['p_x', 'idx'], type: 'double', params: [{ name: 'p_x', dims: [3, 2, 4] }], consts: [i64('idx', [0, 1, 2, 0, 0, 1, -1, -2], [4, 2])] }],
  [
    'ScatterND (slice assignment): data and updates',
    { op: 'ScatterND', inputs: ['p_x', 'idx', 'p_u'], type: 'double', params: [{ name: 'p_x', dims: [4, 3] }, { name: 'p_u', dims: [2, 3] }], consts: [i64('idx', [1, 3], [2, 1])] },
  ],
  [
    'ScatterND with reduction=add (opset 16)',
    { op: 'ScatterND', inputs: ['p_x', 'idx', 'p_u'], attrs: { reduction: 'add' }, opset: 16, type: 'double', params: [{ name: 'p_x', dims: [4, 3] }, { name: 'p_u', dims: [3, 3] }], consts: [i64('idx', [1, 3, 1], [3, 1])] },
  ],
  [
    'ScatterElements on axis 1: data and updates',
    { op: 'ScatterElements', inputs: ['p_x', 'idx', 'p_u'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_x', dims: [2, 5] }, { name: 'p_u', dims: [2, 2] }], consts: [i64('idx', [4, 0, 1, 3], [2, 2])] },
  ],
  ['CumSum', one('CumSum', [3, 4], {}, [i64('axis', [1], [])])],
  ['CumSum exclusive reverse', one('CumSum', [3, 4], { exclusive: 1, reverse: 1 }, [i64('axis', [0], [])])],
  ['Trilu lower with k=-1', one('Trilu', [2, 3, 4], { upper: 0 }, [i64('k', [-1], [])])],
  ['Trilu upper (default k)', one('Trilu', [4, 3], {})],
  ['Resize nearest, integer scales (upsampling)', { ...one('Resize', [1, 2, 3, 2], { mode: 'nearest' }, []), type: 'float', inputs: ['p_x', '', 'scales'], consts: [{ name: 'scales', type: 'float', dims: [4], values: [1, 1, 2, 3] }] }],
  // Linear / cubic: what F.interpolate exports (bilinear: pytorch_half_pixel or align_corners; bicubic: cubic_coeff_a -0.75).
  ['Resize linear, pytorch_half_pixel, scales 2x3', { ...one('Resize', [1, 2, 3, 4], { mode: 'linear', coordinate_transformation_mode: 'pytorch_half_pixel' }, []), type: 'float', inputs: ['p_x', '', 'scales'], consts: [{ name: 'scales', type: 'float', dims: [4], values: [1, 1, 2, 3] }] }],
  ['Resize linear, align_corners, to sizes (down in H, up in W)', { ...one('Resize', [2, 1, 5, 3], { mode: 'linear', coordinate_transformation_mode: 'align_corners' }, []), type: 'float', inputs: ['p_x', '', '', 'sizes'], consts: [i64('sizes', [2, 1, 3, 7])] }],
  ['Resize linear, half_pixel, 1-D (3-D input), non-integer scale', { ...one('Resize', [2, 2, 5], { mode: 'linear' }, []), type: 'float', inputs: ['p_x', '', 'scales'], consts: [{ name: 'scales', type: 'float', dims: [3], values: [1, 1, 1.6] }] }],
  ['Resize linear, asymmetric, trilinear (5-D)', { ...one('Resize', [1, 1, 2, 3, 2], { mode: 'linear', coordinate_transformation_mode: 'asymmetric' }, []), type: 'float', inputs: ['p_x', '', 'scales'], consts: [{ name: 'scales', type: 'float', dims: [5], values: [1, 1, 2, 2, 1.5] }] }],
  ['Resize cubic a=-0.75, pytorch_half_pixel (bicubic)', { ...one('Resize', [1, 2, 4, 3], { mode: 'cubic', cubic_coeff_a: { float: -0.75 }, coordinate_transformation_mode: 'pytorch_half_pixel' }, []), type: 'float', inputs: ['p_x', '', 'scales'], consts: [{ name: 'scales', type: 'float', dims: [4], values: [1, 1, 2, 2] }] }],
  ['Resize cubic, align_corners, opset 13 with an empty roi', { ...one('Resize', [1, 1, 4, 4], { mode: 'cubic', coordinate_transformation_mode: 'align_corners' }, []), type: 'float', opset: 13, inputs: ['p_x', 'roi', 'scales'], consts: [{ name: 'roi', type: 'float', dims: [0], values: [] }, { name: 'scales', type: 'float', dims: [4], values: [1, 1, 1.5, 2] }] }],
  ['Resize nearest to sizes, asymmetric / floor', { ...one('Resize', [1, 1, 5, 4], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }, []), type: 'float', inputs: ['p_x', '', '', 'sizes'], consts: [i64('sizes', [1, 1, 3, 7])] }],
  ['DepthToSpace DCR', one('DepthToSpace', [1, 8, 2, 3], { blocksize: 2 })],
  ['DepthToSpace CRD', one('DepthToSpace', [2, 8, 2, 3], { blocksize: 2, mode: 'CRD' })],
  ['SpaceToDepth', one('SpaceToDepth', [1, 2, 4, 6], { blocksize: 2 })],
];

describe('shape rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});
