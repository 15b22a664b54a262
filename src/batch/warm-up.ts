// Start-up work of a scoring process, paid once when the process starts rather than by its first job: a complete
// score of a tiny built-in MLP (Tanh and ReLU, 75 parameters, 8 samples, the exact estimator, Richardson products,
// frozen gates). Loading the modules is not enough: the first score in a process also pays onnxruntime's
// environment set-up, protobufjs compiling the ONNX schema, and V8 compiling the builder, the oracle and the
// estimators — 60–80 ms that a warm process does not pay (measured on the bench sweep), which would otherwise be
// charged to whichever job comes first. A second warm-up model (a small CNN) was measured too: it made worker
// start-up 0.3 s longer, more than it saved a first job (bench:batch). The model goes through no cache, so no job
// reuses it. Its data goes through the .npz reader (encoded in memory, then parsed): loading and compiling that
// reader and fflate cost a worker's first data file 13–27 ms otherwise.
import { score } from '../api/score.js';
import { parseNpz } from '../data/npz.js';
import { encodeNpz } from '../data/npz-encode.js';
import { encodeAttr, encodeTensor } from '../onnx/emitter.js';
import { serializeModel } from '../onnx/proto-codec.js';
import { valueInfo } from '../onnx/tensor-codec.js';
import { DataType } from '../onnx/proto-types.js';

type Node = ReturnType<typeof node>;
function node(opType: string, input: string[], output: string[], attrs: Record<string, number | number[]> = {}) {
  return { opType, name: output[0], input, output, domain: '', attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)) };
}
// Deterministic values; what they are does not matter, only that every path of a real score runs.
const values = (n: number, k: number) => Array.from({ length: n }, (_, i) => Math.sin(1 + k * 7 + i * 1.3) * 0.5);
const weight = (name: string, dims: number[], k: number) =>
  encodeTensor(name, { type: 'float', dims, values: values(dims.reduce((a, b) => a * b, 1), k) });

function model(nodes: Node[], initializer: ReturnType<typeof weight>[], inputDims: (number | string)[]): Uint8Array {
  return serializeModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'onnx-sane-warm-up',
    graph: {
      name: 'warm-up',
      node: nodes,
      initializer,
      input: [valueInfo('x', DataType.FLOAT, inputDims)],
      output: [valueInfo('logits', DataType.FLOAT, ['batch', 3])],
      valueInfo: [],
    },
  });
}

/** An MLP with the two commonest activations: Gemm, Tanh, Gemm, Relu, Gemm (4-6-6-3, 75 parameters). */
function tinyMlp(): Uint8Array {
  return model(
    [
      node('Gemm', ['x', 'w1', 'b1'], ['h1'], { transB: 1 }), node('Tanh', ['h1'], ['t1']),
      node('Gemm', ['t1', 'w2', 'b2'], ['h2'], { transB: 1 }), node('Relu', ['h2'], ['r2']),
      node('Gemm', ['r2', 'w3', 'b3'], ['logits'], { transB: 1 }),
    ],
    [weight('w1', [6, 4], 1), weight('b1', [6], 2), weight('w2', [6, 6], 3), weight('b2', [6], 4), weight('w3', [3, 6], 5), weight('b3', [3], 6)],
    ['batch', 4],
  );
}

/** Scores the tiny model once with the process's defaults. Returns the first error, if any, rather than throwing:
 *  the process carries on, and the first real job meeting the same problem reports it with its own context. */
export async function warmUp(threads?: number): Promise<unknown> {
  const n = 8;
  try {
    const data = parseNpz(encodeNpz({
      x: { descr: '<f4', shape: [n, 4], data: Float32Array.from({ length: n * 4 }, (_, i) => Math.cos(i * 0.7)) },
      y: { descr: '<i8', shape: [n], data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 3)) },
    }), 'warm-up');
    await score(tinyMlp(), data, { estimator: 'exact', threads, density: false });
    return null;
  } catch (e) {
    return e;
  }
}
