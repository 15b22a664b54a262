// Pads that pad nothing. torch.onnx.export writes nn.AvgPool2d as a Pad followed by an AveragePool, with pads of all
// zeros when the module has no padding (LeNet's pools). Such a Pad is the identity in every mode, but onnxruntime
// still copies the tensor, in the gradient model twice (the forward node and its adjoint): 2.8 ms of lenet's 43 ms
// gradient for 512 images. As an Identity it costs nothing (onnxruntime removes it) and needs no rule.
import type { ModelProto } from './load.js';
import { intConstant } from './shapes.js';

/** Rewrites every Pad whose pads (input 1; the models have opset 13 or later) are a constant of zeros to Identity. */
export function dropNoOpPads(model: ModelProto): number {
  const g = model.graph;
  const constants = new Map<string, number[]>();
  const ints = (t: Parameters<typeof intConstant>[0]) => intConstant(t)?.map(Number);
  for (const t of g.initializer) {
    const v = ints(t);
    if (v && t.name) constants.set(t.name, v);
  }
  for (const n of g.node) {
    if (n.opType !== 'Constant' || (n.domain && n.domain !== 'ai.onnx')) continue;
    const t = n.attribute.find((a) => a.name === 'value')?.t;
    const v = t ? ints(t) : undefined;
    if (v && n.output[0]) constants.set(n.output[0], v);
  }
  let dropped = 0;
  for (const n of g.node) {
    if (n.opType !== 'Pad' || (n.domain && n.domain !== 'ai.onnx')) continue;
    const pads = n.input[1] ? constants.get(n.input[1]) : undefined;
    if (!pads || pads.some((p) => p !== 0)) continue;
    n.opType = 'Identity';
    n.input = [n.input[0]];
    n.attribute = [];
    dropped++;
  }
  return dropped;
}
