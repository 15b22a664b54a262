// Configurations a rule cannot differentiate give an error naming the op, the node, the parameter and the reason.
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { rules, supportedOps } from '../src/onnx/rules/index.js';
import { buildModel, type NodeDef, type TensorDef } from './helpers/onnx-builders.js';

function modelWith(node: NodeDef, inits: TensorDef[], opset = 17): Uint8Array {
  return buildModel({
    nodes: [{ ...node, outputs: ['y'], name: 'the_node' }, { op: 'ReduceSum', inputs: ['y'], outputs: ['L'], attrs: { keepdims: 0 }, name: 'sum' }],
    initializers: inits,
    outputs: [{ name: 'L', type: 'float', dims: [] }],
    opset,
  });
}
const px: TensorDef = { name: 'p_x', type: 'float', dims: [1, 2, 4, 4], values: Array.from({ length: 32 }, (_, i) => i / 10) };

describe('rule errors', () => {
  it.each([
    ['ScatterND', 'reduction="mul"', { op: 'ScatterND', inputs: ['p_x', 'i', 'p_x'], attrs: { reduction: 'mul' }, outputs: [] }, [{ ...px, dims: [32], values: px.values }, { name: 'i', type: 'int64', dims: [32, 1], values: Array.from({ length: 32 }, (_, k) => k) }]],
    ['BatchNormalization', 'training_mode=1', { op: 'BatchNormalization', inputs: ['p_x', 's', 'b', 'm', 'v'], attrs: { training_mode: 1 }, outputs: [] }, [px, ...['s', 'b', 'm', 'v'].map((n) => ({ name: n, type: 'float' as const, dims: [2], values: [1, 1] }))]],
    ['Resize', 'coordinate_transformation_mode="tf_crop_and_resize"', { op: 'Resize', inputs: ['p_x', '', 'sc'], attrs: { mode: 'linear', coordinate_transformation_mode: 'tf_crop_and_resize' }, outputs: [] }, [px, { name: 'sc', type: 'float', dims: [4], values: [1, 1, 2, 2] }]],
    ['Einsum', 'ellipsis', { op: 'Einsum', inputs: ['p_x'], attrs: { equation: '...ij->...ji' }, outputs: [] }, [px]],
    ['GatherND', 'batch_dims', { op: 'GatherND', inputs: ['p_x', 'i'], attrs: { batch_dims: 1 }, outputs: [] }, [px, { name: 'i', type: 'int64', dims: [1, 1], values: [0] }]],
  ] as [string, string, NodeDef, TensorDef[]][])('%s with %s names op, node, parameter and reason', (op, reason, node, inits) => {
    const m = modelWith(node, inits);
    let message = '';
    try {
      buildGradientModels(m, { loss: 'output:L', params: /^p_/, rules });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(op);
    expect(message).toContain('the_node');
    expect(message).toContain('p_x');
    expect(message.replace(/\\"/g, '"')).toContain(reason);
  });

  it('lists the supported op types, including every op the issue requires', () => {
    const required = ['Gemm', 'MatMul', 'Add', 'Sub', 'Mul', 'Div', 'Neg', 'Relu', 'LeakyRelu', 'Elu', 'Sigmoid', 'Tanh', 'Softplus', 'Erf', 'Gelu', 'Exp', 'Log', 'Sqrt', 'Pow', 'Abs', 'Softmax', 'LogSoftmax', 'Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization', 'LayerNormalization', 'Flatten', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Concat', 'Split', 'Slice', 'Gather', 'Identity', 'Dropout', 'Cast', 'Clip', 'Where', 'Pad', 'ReduceMean', 'ReduceSum', 'Max', 'Min', 'Expand'];
    for (const op of required) expect(supportedOps, op).toContain(op);
  });

  it('lists the ops of issue 7 (torchvision classification models and torch.nn layers)', () => {
    const required = ['LSTM', 'GRU', 'RNN', 'Resize', 'InstanceNormalization', 'GroupNormalization', 'HardSigmoid', 'HardSwish', 'Einsum', 'ConvTranspose', 'Pad', 'ReduceMax', 'ReduceMin', 'ReduceL2', 'ReduceLogSumExp', 'CumSum', 'GatherElements', 'ScatterND', 'Tile', 'Trilu', 'GlobalMaxPool'];
    for (const op of required) expect(supportedOps, op).toContain(op);
  });
});
