// Circular padding as PyTorch before 2.0 exports it. torch.onnx.export (1.13 and earlier; fixed by pytorch/pytorch
// PR 86984, issue 86690) writes padding_mode='circular' / F.pad(mode='circular') as Concat(Slice(x, -(p+1), -1), x,
// Slice(x, 0, p)) along each padded axis: the left border takes x[n-p-1 .. n-2] where PyTorch takes x[n-p .. n-1]. The
// exported model then computes another function than the module (onnxruntime agrees with the file, not with
// PyTorch), so its loss, gradient and spectrum are the file's. Scoring the file is right for a model shipped as that
// file; the user must know it is not their PyTorch module, and how to get one that is.
import { constantInts } from './graph.js';
import { isDefaultDomain, type ModelProto, type NodeProto, type TensorProto } from './proto-types.js';

/** Warnings (empty when the pattern is absent) naming each Concat that prepends x[-(p+1):-1] to x. */
export function detectCircularPadExport(model: ModelProto): string[] {
  const g = model.graph;
  const initializers = new Map<string, TensorProto>(g.initializer.map((t) => [t.name ?? '', t]));
  const producer = new Map<string, NodeProto>();
  for (const n of g.node) for (const o of n.output) if (o) producer.set(o, n);
  const ints = (t: string | undefined) => (t ? constantInts(t, initializers, producer)?.map(Number) : undefined);
  const found: string[] = [];
  for (const cat of g.node) {
    if (cat.opType !== 'Concat' || !isDefaultDomain(cat) || cat.input.length < 2) continue;
    const slice = producer.get(cat.input[0]);
    if (!slice || slice.opType !== 'Slice' || !isDefaultDomain(slice) || slice.input[0] !== cat.input[1]) continue;
    const [starts, ends, axes, steps] = [ints(slice.input[1]), ints(slice.input[2]), ints(slice.input[3]), ints(slice.input[4])];
    const axis = Number(cat.attribute.find((a) => a.name === 'axis')?.i ?? 0);
    if (starts?.length !== 1 || ends?.length !== 1 || axes?.length !== 1 || axes[0] !== axis || (steps && steps[0] !== 1)) continue;
    if (ends[0] !== -1 || starts[0] > -2) continue;
    found.push(`Concat "${cat.name || cat.output[0]}" (border of ${-starts[0] - 1} along axis ${axis})`);
  }
  if (found.length === 0) return [];
  const shown = found.slice(0, 3).join('; ') + (found.length > 3 ? ` and ${found.length - 3} more` : '');
  const by = model.producerName === 'pytorch' && model.producerVersion ? ` (this file: PyTorch ${model.producerVersion})` : '';
  return [
    `${shown}: circular padding as torch.onnx.export before PyTorch 2.0 writes it${by}, with the left border taken from ` +
      `x[-(p+1):-1] instead of x[-p:] (pytorch/pytorch issue 86690). The file computes another function than the ` +
      `PyTorch module, and the score is the file's. To score the module, export with PyTorch 2.0 or later, or pad ` +
      `with torch.cat([x[..., -p:], x, x[..., :p]], dim) before exporting.`,
  ];
}
