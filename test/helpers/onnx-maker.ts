// Builds small ONNX models in tests through the project's protobufjs layer (src/onnx/load.ts), so that test models
// are written in the test instead of committed as binaries.
import type { AttrValue, ElemType } from '../../src/onnx/rules/types.js';
import { encodeAttr, encodeTensor } from '../../src/onnx/emitter.js';
import { serializeModel, valueInfo, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from '../../src/onnx/load.js';
import { elemTypeCode } from '../../src/onnx/shapes.js';
import { mulberry32 } from '../../src/util/random.js';

export class OnnxMaker {
  private nodes: NodeProto[] = [];
  private inits: TensorProto[] = [];
  private inputs: ValueInfoProto[] = [];
  private outputs: ValueInfoProto[] = [];
  private n = 0;

  constructor(readonly dtype: ElemType = 'float') {}

  input(name: string, dims: (number | string)[], type: ElemType = this.dtype): string {
    this.inputs.push(valueInfo(name, elemTypeCode(type), dims));
    return name;
  }

  init(name: string, dims: number[], values: ArrayLike<number> | ((i: number) => number), type: ElemType = this.dtype): string {
    const size = dims.reduce((a, b) => a * b, 1);
    const vals = typeof values === 'function' ? Array.from({ length: size }, (_, i) => values(i)) : Array.from(values);
    this.inits.push(encodeTensor(name, { type, dims, values: vals }));
    return name;
  }

  /** A Constant node (how the TorchScript exporter writes scalars and shapes). */
  constant(dims: number[], values: number[], type: ElemType = this.dtype): string {
    const out = `const_${++this.n}`;
    this.nodes.push({ opType: 'Constant', name: `Constant_${this.n}`, input: [], output: [out], attribute: [encodeAttr('value', { tensor: { type, dims, values } })], domain: '' });
    return out;
  }

  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: number | string[] = 1): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, (_, k) => `${opType.toLowerCase()}_${++this.n}_${k}`) : outputs;
    this.nodes.push({ opType, name: `/${opType}_${++this.n}`, input: inputs, output: outs, attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)), domain: '' });
    return outs;
  }

  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.node(opType, inputs, attrs, 1)[0];
  }

  output(name: string, dims?: (number | string)[], type: ElemType = this.dtype): void {
    this.outputs.push(valueInfo(name, elemTypeCode(type), dims));
  }

  model(opset = 17): ModelProto {
    return {
      irVersion: opset >= 21 ? 10 : opset >= 19 ? 9 : 8,
      opsetImport: [{ domain: '', version: opset }],
      producerName: 'onnx-sane-tests',
      graph: { name: 'test', node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs, valueInfo: [] },
    };
  }

  bytes(opset = 17): Uint8Array {
    return serializeModel(this.model(opset));
  }
}

/** Deterministic pseudo-random numbers in [-1, 1). */
export function rng(seed: number): () => number {
  const u = mulberry32(seed);
  return () => u() * 2 - 1;
}
