// The scoring Web Worker: score() on the WASM core and onnxruntime-web, off the page's main thread. It receives the
// model and data bytes (ScoreRequest), posts progress while the Hessian-vector products run, then the result or the
// error (src/browser/protocol.ts).
//
// Browser-specific wiring, all of it here: the WASM core comes from the bundled emscripten factory rather than a
// file on disk; onnxruntime-web loads its .wasm from ./ort/ beside this bundle (copied there by
// scripts/build-browser.mjs); threads only when the page is cross-origin isolated (onnxruntime-web's threads need
// SharedArrayBuffer), otherwise one; the frozen-gate budget is explicit because a page cannot ask for free memory.
import * as ort from 'onnxruntime-web/wasm';
import createSaneCore from 'sane-core-wasm';
import { provideWasmCoreFactory } from '../core/wasm.js';
import { score } from '../api/score.js';
import { parseNpz, parseNpy, type NpyArray } from '../data/npz.js';
import { SaneError, errorMessage } from '../errors.js';
import type { ScoreRequest, WorkerMessage } from './protocol.js';

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (e: { data: ScoreRequest }) => void): void;
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}
const scope = globalThis as unknown as WorkerScope;

// Frozen gates kept across products (beyond it, recomputed per product): a page cannot ask for free memory as Node
// does (min(1 GiB, free/4)), and a tab has less to spare. The Lanczos basis keeps the WASM core's own default budget
// (3 GiB of its 4 GiB heap), as `sane --core wasm` does, so that the page and the CLI choose the same estimator plan.
const GATE_BUDGET_BYTES = 256 * 1024 ** 2;

/** What input files may declare (the headers are checked before anything is inflated): Node's rule, a quarter of
 *  the memory at most 2 GiB, with the memory the browser reports (navigator.deviceMemory, GiB, Chrome caps it at 8). */
function inputBudget(): number {
  const gib = (scope.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  return Math.floor(Math.min(2, (gib ?? 8) / 4) * 1024 ** 3);
}

provideWasmCoreFactory(createSaneCore);
ort.env.wasm.wasmPaths = new URL('./ort/', import.meta.url).href;

function threads(): number {
  if (!scope.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(4, scope.navigator?.hardwareConcurrency ?? 1));
}

/** The arrays of an .npz (or a sole .npy, named after the file), refused as in Node's loadArrays. */
function readData(bytes: Uint8Array, name: string, maxBytes: number): Record<string, NpyArray> {
  try {
    if (/\.npy$/i.test(name)) return { [name.replace(/^.*[\\/]/, '').replace(/\.npy$/i, '')]: parseNpy(bytes, name, maxBytes) };
    return parseNpz(bytes, name, { maxBytes });
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('CORRUPT_FILE', `cannot read data file ${name}: ${errorMessage(e)}`, {
      cause: e,
      hint: 'the data must be a numpy .npz (numpy.savez) or .npy file',
    });
  }
}

async function run(req: ScoreRequest): Promise<void> {
  const start = performance.now();
  const progress = (stage: string) =>
    scope.postMessage({ type: 'progress', stage, hvpDone: 0, hvpTotal: 0, elapsedSeconds: (performance.now() - start) / 1000, etaSeconds: 0 });
  progress('reading');
  const maxInputBytes = req.options.maxInputBytes ?? inputBudget();
  const data = readData(new Uint8Array(req.data), req.dataName, maxInputBytes);
  progress('preparing');
  const result = await score(new Uint8Array(req.model), data, {
    gateMemoryBudget: GATE_BUDGET_BYTES,
    threads: threads(),
    ...req.options,
    maxInputBytes,
    core: 'wasm',
    runtime: 'onnxruntime-web',
    onProgress: (p) => scope.postMessage({ type: 'progress', ...p }),
  });
  result.model = req.modelName;
  scope.postMessage({ type: 'result', result });
}

scope.addEventListener('message', (e) => {
  run(e.data).catch((err: unknown) => {
    const msg: WorkerMessage = {
      type: 'error',
      name: err instanceof Error ? err.name : 'Error',
      message: errorMessage(err),
    };
    if (err instanceof SaneError) msg.sane = { reason: err.reason, template: err.template };
    scope.postMessage(msg);
  });
});
