// Opset 11 and 12 exports (torch.onnx.export's opset_version=11 is still what many scripts pass) brought to opset 13,
// the oldest the gradient builder reads, by rewriting the few standard ops whose meaning or signature changed at 12
// or 13 (ONNX's Changelog.md). Every other op of those opsets reads the same at 13, so the rest of the pipeline sees
// an opset-13 model and the gradient graph is emitted at its usual opset:
// - Squeeze, Unsqueeze, ReduceSum: `axes` moved from an attribute to an input (13);
// - Split: `split` moved from an attribute to an input (13);
// - Softmax, LogSoftmax, Hardmax: before 13 they coerce the input to 2-D at `axis` (default 1) and normalise over all
//   trailing dimensions; written as Flatten, the op over axis 1 and a Reshape back, which is that definition;
// - Dropout: `ratio` moved from an attribute to an input (12); an eval-mode Dropout is the identity either way.
import { ModelError } from './errors.js';
import { AttrType, DataType, isDefaultDomain, type AttributeProto, type ModelProto, type NodeProto } from './proto-types.js';

/** The default-domain opset the rest of the pipeline reads at least. */
export const UPGRADED_OPSET = 13;

/** Rewrites an opset 11 or 12 model in place into the opset-13 form of the same graph (see above). */
export function upgradeToOpset13(model: ModelProto, from: number, label: string): void {
  const names = new Set<string>();
  const graph = model.graph!;
  for (const n of graph.node) for (const o of [...n.input, ...n.output]) names.add(o);
  for (const f of model.functions ?? []) {
    if ((f.opsetImport ?? []).some((o) => isDefaultDomain(o) && Number(o.version) < UPGRADED_OPSET)) {
      throw new ModelError(
        `${label}: the model-local function ${f.name} is written at opset ${from}, which is read only for the main graph; ` +
          're-export with torch.onnx.export(..., opset_version=17)',
      );
    }
  }
  let fresh = 0;
  const freshName = (base: string) => {
    let name: string;
    do name = `sane/opset${UPGRADED_OPSET}/${base}_${fresh++}`;
    while (names.has(name));
    names.add(name);
    return name;
  };
  const out: NodeProto[] = [];
  const node = (opType: string, input: string[], output: string[], attribute: AttributeProto[] = []): NodeProto => ({
    opType, input, output, attribute, name: freshName(opType), domain: '',
  });
  const int64Constant = (values: number[], base: string): string => {
    const name = freshName(base);
    out.push(node('Constant', [], [name], [
      { name: 'value', type: AttrType.TENSOR, t: { dims: [values.length], dataType: DataType.INT64, int64Data: values } },
    ]));
    return name;
  };
  const take = (n: NodeProto, attr: string): AttributeProto | undefined => {
    const i = n.attribute.findIndex((a) => a.name === attr);
    return i < 0 ? undefined : n.attribute.splice(i, 1)[0];
  };
  for (const n of graph.node) {
    if (n.attribute.some((a) => a.g !== undefined || a.type === AttrType.GRAPH)) {
      throw new ModelError(
        `${label}: node "${n.name}" (${n.opType}) has a subgraph, which is not read at opset ${from}; ` +
          're-export with torch.onnx.export(..., opset_version=17)',
      );
    }
    // Other domains, and nodes without their data input (a malformed model, which the builder's own checks name),
    // are left as they are.
    if (!isDefaultDomain(n) || n.input.length === 0 || !n.input[0]) {
      out.push(n);
      continue;
    }
    switch (n.opType) {
      case 'Squeeze':
      case 'Unsqueeze':
      case 'ReduceSum': {
        const axes = take(n, 'axes');
        if (axes) n.input = [n.input[0], int64Constant((axes.ints ?? []).map(Number), `${n.opType}_axes`)];
        out.push(n);
        break;
      }
      case 'Split': {
        const split = take(n, 'split');
        if (split) n.input = [n.input[0], int64Constant((split.ints ?? []).map(Number), 'Split_split')];
        out.push(n);
        break;
      }
      case 'Softmax':
      case 'LogSoftmax':
      case 'Hardmax': {
        const axis = Number(take(n, 'axis')?.i ?? 1);
        if (axis === -1) {
          // Coercing at the last axis is normalising over it: the opset-13 op with the same axis.
          n.attribute.push({ name: 'axis', type: AttrType.INT, i: -1 });
          out.push(n);
          break;
        }
        const x = n.input[0];
        const flat = freshName(`${n.opType}_flat`);
        const normalised = freshName(`${n.opType}_2d`);
        const shape = freshName(`${n.opType}_shape`);
        out.push(node('Flatten', [x], [flat], [{ name: 'axis', type: AttrType.INT, i: axis }]));
        out.push({ ...n, input: [flat], output: [normalised], attribute: [...n.attribute, { name: 'axis', type: AttrType.INT, i: 1 }] });
        out.push(node('Shape', [x], [shape]));
        out.push(node('Reshape', [normalised, shape], [n.output[0]]));
        break;
      }
      case 'Dropout':
        take(n, 'ratio');
        out.push(n);
        break;
      default:
        out.push(n);
    }
  }
  graph.node = out;
  for (const imp of model.opsetImport) if (isDefaultDomain(imp)) imp.version = UPGRADED_OPSET;
}
