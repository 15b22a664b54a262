// Exporter decompositions folded back into the op PyTorch's module maps to, so that its rule follows that module's
// tie convention. Up to opset 13 torch.onnx.export writes nn.Hardswish as Mul(x, HardSigmoid(x; alpha=1/6,
// beta=1/2)). The function is the same, but at the knots PyTorch's Hardswish has slopes (-1/2 at -3, 1 at +3) and a
// curvature (0 there) that no convention of the HardSigmoid alone reproduces through the product; the HardSwish rule
// holds them. The fused node computes the same function (the gradient model's opset is >= 16, HardSwish exists).
import type { ModelProto, NodeProto } from './load.js';

const SIXTH = 1 / 6;

/** Replaces Mul(x, HardSigmoid(x)) with alpha = 1/6, beta = 1/2 by HardSwish(x). Returns how many were fused. */
export function fuseHardswish(model: ModelProto): number {
  const g = model.graph;
  const readers = new Map<string, NodeProto[]>();
  for (const n of g.node) for (const t of n.input) if (t) readers.set(t, [...(readers.get(t) ?? []), n]);
  const graphOutputs = new Set(g.output.map((o) => o.name));
  const drop = new Set<NodeProto>();
  const replace = new Map<NodeProto, NodeProto>();
  for (const hs of g.node) {
    if (hs.opType !== 'HardSigmoid' || (hs.domain && hs.domain !== 'ai.onnx')) continue;
    const attr = (name: string, fallback: number) => {
      const a = hs.attribute.find((x) => x.name === name);
      return a?.f ?? fallback;
    };
    // alpha is stored as float32: 1/6 rounds to 0.16666667163...
    if (Math.abs(attr('alpha', 0.2) - SIXTH) > 1e-7 || attr('beta', 0.5) !== 0.5) continue;
    const x = hs.input[0];
    const y = hs.output[0];
    const users = readers.get(y) ?? [];
    if (graphOutputs.has(y) || users.length !== 1) continue;
    const mul = users[0];
    if (mul.opType !== 'Mul' || (mul.domain && mul.domain !== 'ai.onnx') || replace.has(mul)) continue;
    const ins = [...mul.input].sort();
    if (ins.length !== 2 || ins[0] !== [x, y].sort()[0] || ins[1] !== [x, y].sort()[1]) continue;
    drop.add(hs);
    replace.set(mul, { opType: 'HardSwish', input: [x], output: [mul.output[0]], name: mul.name || `${hs.name}_hardswish`, attribute: [], domain: '' });
  }
  if (drop.size === 0) return 0;
  g.node = g.node.filter((n) => !drop.has(n)).map((n) => replace.get(n) ?? n);
  return drop.size;
}
