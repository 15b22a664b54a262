// Gates held as 0/1 floats. A ReLU's frozen mask is a bool gate that the gated model only ever multiplies by (the
// rules' maskWhere: Mul(x, Cast(mask))), in the forward pass and again in the backward pass. onnxruntime's Cast from
// bool runs on one thread: on resnet8 (256 images) the seven mask Casts took 16 ms of a 280 ms gradient, every
// gradient, for a value that is the same at every point of every product. Fed as floats, the gate model casts once
// per batch at θ and the gradient model reads the floats directly. The price is memory: a float gate takes four
// bytes where the bool took one (the gate store keeps gates under its budget either way; see oracle/gates.ts).
// Measured on the 2-core machine: summed kernel time 281 -> 274 ms (the Muls reading floats took 9 ms more), the
// gradient's wall time within the noise (229.5 ms against 238.4 / 229.6 for two bool controls, 21 interleaved runs,
// load 1.4); so it is opt-in (GradientOptions.floatMasks).
import { DataType, type ModelProto, type NodeProto } from './load.js';

/**
 * Rewrites `model` (the gated gradient model) in place so that every bool gate input whose consumers are all Casts to
 * the same float type is declared as that type and the Casts become Identity. Returns gate name -> float type code
 * (the gate model must then emit that Cast on its output). Models with subgraphs are left alone (a gate read inside a
 * body would not be seen here).
 */
export function floatMaskGates(model: ModelProto, gateNames: readonly string[]): Map<string, number> {
  const converted = new Map<string, number>();
  const g = model.graph;
  if (g.node.some((n) => n.attribute.some((a) => a.g !== undefined && a.g !== null))) return converted;
  const gates = new Set(gateNames);
  const consumers = new Map<string, NodeProto[]>();
  for (const n of g.node) {
    for (const i of n.input) {
      if (!gates.has(i)) continue;
      const list = consumers.get(i);
      if (list) list.push(n);
      else consumers.set(i, [n]);
    }
  }
  const outputs = new Set(g.output.map((o) => o.name));
  for (const input of g.input) {
    const tt = input.type?.tensorType;
    if (!gates.has(input.name) || !tt || tt.elemType !== DataType.BOOL || outputs.has(input.name)) continue;
    const uses = consumers.get(input.name) ?? [];
    const to = uses.length ? castTarget(uses[0]) : undefined;
    if ((to !== DataType.FLOAT && to !== DataType.DOUBLE) || !uses.every((n) => castTarget(n) === to)) continue;
    for (const n of uses) {
      n.opType = 'Identity';
      n.attribute = [];
    }
    tt.elemType = to;
    converted.set(input.name, to);
  }
  return converted;
}

function castTarget(n: NodeProto): number | undefined {
  if (n.opType !== 'Cast' || (n.domain && n.domain !== 'ai.onnx')) return undefined;
  const to = n.attribute.find((a) => a.name === 'to');
  return to?.i === undefined || to.i === null ? undefined : Number(to.i);
}
