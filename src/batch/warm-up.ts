// Start-up work of a scoring process, paid once when the process starts rather than by its first job: one complete
// score of a tiny built-in model (a 4-6-3 ReLU MLP on 8 samples, 51 parameters, the exact estimator, Richardson
// products, frozen gates). Loading the modules is not enough: the first score in a process also pays onnxruntime's
// environment set-up, protobufjs compiling the ONNX schema, and V8 compiling the builder, the oracle and the
// estimators — 60–80 ms that a warm process does not pay (measured on the bench sweep), which would otherwise be
// charged to whichever job happens to come first. The tiny model goes through no cache, so no job reuses it.
import { score } from '../api/score.js';
import { encodeAttr, encodeTensor } from '../onnx/emitter.js';
import { serializeModel } from '../onnx/proto-codec.js';
import { valueInfo } from '../onnx/tensor-codec.js';
import { DataType } from '../onnx/proto-types.js';

function tinyModel(): Uint8Array {
  // Deterministic values; what they are does not matter, only that every path of a real score runs.
  const values = (n: number, k: number) => Array.from({ length: n }, (_, i) => Math.sin(1 + k * 7 + i * 1.3) * 0.5);
  const node = (opType: string, input: string[], output: string[], attrs: Record<string, number> = {}) => ({
    opType, name: output[0], input, output, domain: '', attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)),
  });
  return serializeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'onnx-sane-warm-up',
    graph: {
      name: 'warm-up',
      node: [node('Gemm', ['x', 'w1', 'b1'], ['h'], { transB: 1 }), node('Relu', ['h'], ['r']), node('Gemm', ['r', 'w2', 'b2'], ['logits'], { transB: 1 })],
      initializer: [
        encodeTensor('w1', { type: 'float', dims: [6, 4], values: values(24, 1) }),
        encodeTensor('b1', { type: 'float', dims: [6], values: values(6, 2) }),
        encodeTensor('w2', { type: 'float', dims: [3, 6], values: values(18, 3) }),
        encodeTensor('b2', { type: 'float', dims: [3], values: values(3, 4) }),
      ],
      input: [valueInfo('x', DataType.FLOAT, ['batch', 4])],
      output: [valueInfo('logits', DataType.FLOAT, ['batch', 3])],
      valueInfo: [],
    },
  });
}

/** Scores the tiny model once with the process's defaults. Returns the error, if any, rather than throwing: the
 *  process carries on, and the first real job meeting the same problem reports it with its own context. */
export async function warmUp(threads?: number): Promise<unknown> {
  const n = 8;
  const x = new Float32Array(n * 4).map((_, i) => Math.cos(i * 0.7));
  const y = BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 3));
  try {
    await score(tinyModel(), { x: { dtype: 'float32', shape: [n, 4], data: x }, y: { dtype: 'int64', shape: [n], data: y } }, { estimator: 'exact', threads });
    return null;
  } catch (e) {
    return e;
  }
}
