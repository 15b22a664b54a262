// Pads that pad nothing. torch.onnx.export writes nn.AvgPool2d as a Pad followed by an AveragePool, with pads of all
// zeros when the module has no padding (LeNet's pools). Such a Pad is the identity in every mode, but onnxruntime
// still copies the tensor, in the gradient model twice (the forward node and its adjoint): 2.8 ms of lenet's 43 ms
// gradient for 512 images. As an Identity it costs nothing (onnxruntime removes it) and needs no rule.
import type { ModelProto, NodeProto, TensorProto } from './load.js';
import { constantInts } from './graph.js';

/** Rewrites every Pad whose pads (input 1; the models have opset 13 or later) are a constant of zeros to Identity. */
export function dropNoOpPads(model: ModelProto): number {
  const g = model.graph;
  const initializers = new Map<string, TensorProto>(g.initializer.map((t) => [t.name ?? '', t]));
  const producer = new Map<string, NodeProto>();
  for (const n of g.node) for (const o of n.output) if (o) producer.set(o, n);
  let dropped = 0;
  for (const n of g.node) {
    if (n.opType !== 'Pad' || (n.domain && n.domain !== 'ai.onnx')) continue;
    const pads = n.input[1] ? constantInts(n.input[1], initializers, producer) : undefined;
    if (!pads || pads.some((p) => Number(p) !== 0)) continue;
    n.opType = 'Identity';
    n.input = [n.input[0]];
    n.attribute = [];
    dropped++;
  }
  return dropped;
}
