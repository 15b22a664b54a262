// Inlines model-local functions (FunctionProto). The dynamo-based torch.onnx exporter writes modules and aten ops as
// local functions in custom domains (pkg.torch..., pkg.onnxscript.torch_lib); once inlined, the graph holds only the
// standard ops inside them, which the rules differentiate.
import { ModelError } from './errors.js';
import { defaultOpset, isDefaultDomain, type AttributeProto, type FunctionProto, type ModelProto, type NodeProto } from './load.js';

const MAX_DEPTH = 64;

export function inlineFunctions(model: ModelProto): void {
  const functions = model.functions ?? [];
  if (functions.length === 0) return;
  const byKey = new Map<string, FunctionProto>();
  for (const f of functions) byKey.set(`${f.domain ?? ''}::${f.name}::${f.overload ?? ''}`, f);
  const modelOpset = defaultOpset(model);
  for (const f of functions) {
    const v = (f.opsetImport ?? []).find(isDefaultDomain)?.version;
    if (v !== undefined && Number(v) !== modelOpset) {
      // Same op semantics only if the function was written for the model's opset; say so rather than guess.
      const used = model.graph.node.some((n) => n.opType === f.name && (n.domain ?? '') === (f.domain ?? ''));
      if (used && Number(v) > modelOpset) {
        throw new ModelError(`local function ${f.domain}.${f.name} uses opset ${v}, newer than the model's opset ${modelOpset}; re-export with a single opset`);
      }
    }
  }
  let counter = 0;
  const expand = (nodes: NodeProto[], depth: number): NodeProto[] => {
    const out: NodeProto[] = [];
    for (const n of nodes) {
      const f = byKey.get(`${n.domain ?? ''}::${n.opType}::${n.overload ?? ''}`);
      if (!f) {
        out.push(n);
        continue;
      }
      if (depth > MAX_DEPTH) throw new ModelError(`local function ${f.domain}.${f.name} calls itself recursively`);
      const prefix = `${n.name || f.name}#${++counter}/`;
      const rename = new Map<string, string>();
      f.input.forEach((formal, i) => rename.set(formal, n.input[i] ?? ''));
      f.output.forEach((formal, i) => rename.set(formal, n.output[i] ?? `${prefix}${formal}`));
      const mapName = (t: string) => (t === '' ? '' : rename.get(t) ?? `${prefix}${t}`);
      const callAttrs = new Map(n.attribute.map((a) => [a.name, a]));
      const defaults = new Map((f.attributeProto ?? []).map((a) => [a.name, a]));
      const body: NodeProto[] = f.node.map((b) => ({
        ...b,
        name: `${prefix}${b.name || b.opType}`,
        input: (b.input ?? []).map(mapName),
        output: (b.output ?? []).map(mapName),
        attribute: (b.attribute ?? []).flatMap((a): AttributeProto[] => {
          if (!a.refAttrName) return [a];
          const actual = callAttrs.get(a.refAttrName) ?? defaults.get(a.refAttrName);
          return actual ? [{ ...actual, name: a.name }] : [];
        }),
        domain: b.domain ?? '',
      }));
      out.push(...expand(body, depth + 1));
    }
    return out;
  };
  model.graph.node = expand(model.graph.node, 0);
  model.functions = [];
}
