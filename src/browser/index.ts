// onnx-sane/browser: score an ONNX model in a browser. scoreInWorker() starts a Web Worker (./worker.mjs beside this
// module in dist/browser/) that runs score() on the WASM core and onnxruntime-web, so the page stays responsive;
// densitySvg() draws the result's spectral density (vega is loaded only when it is called).
//
//   import { scoreInWorker, densitySvg } from 'onnx-sane/browser';
//   const r = await scoreInWorker(modelBytes, npzBytes, { estimator: 'auto' }, (p) => console.log(p.stage, p.hvpDone));
//
// Errors reject as SaneError (same `reason`, message and hint as in Node) or Error.
import type { ScoreResult } from '../api/types.js';
import { SaneError } from '../errors.js';
import type { BrowserScoreOptions, ProgressMessage, ScoreRequest, WorkerMessage } from './protocol.js';

export type { BrowserScoreOptions, ProgressMessage } from './protocol.js';
export type { ScoreResult } from '../api/types.js';
export { SaneError } from '../errors.js';

/** Bytes as the page has them: a dropped File/Blob, a fetch() body, or an array. */
export type Bytes = Blob | ArrayBuffer | Uint8Array;

export interface WorkerOptions {
  /** Names shown in the result and in messages (default: the File's name, else 'model.onnx' / 'data.npz'). */
  modelName?: string;
  dataName?: string;
  /** Terminates the worker and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Where the worker bundle is (default: worker.mjs beside this module). */
  workerUrl?: string | URL;
}

// The DOM pieces used here, typed locally so that this file also compiles with the project's Node-only tsconfig.
interface BrowserWorker {
  postMessage(message: ScoreRequest, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (e: { data: WorkerMessage }) => void): void;
  addEventListener(type: 'error', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}
type WorkerConstructor = new (url: string | URL, options: { type: 'module'; name?: string }) => BrowserWorker;
interface NamedBlob { name?: string; arrayBuffer(): Promise<ArrayBuffer> }

async function toArrayBuffer(b: Bytes): Promise<ArrayBuffer> {
  if (b instanceof ArrayBuffer) return b.slice(0);
  if (b instanceof Uint8Array) return b.slice().buffer as ArrayBuffer;
  return (b as NamedBlob).arrayBuffer();
}

function nameOf(b: Bytes, fallback: string): string {
  const n = (b as NamedBlob).name;
  return typeof n === 'string' && n !== '' ? n : fallback;
}

/**
 * Scores a model on data in a Web Worker: the same ScoreResult as score() in Node (backend: wasm +
 * onnxruntime-web). The byte buffers are copied once and transferred to the worker.
 */
export async function scoreInWorker(
  model: Bytes,
  data: Bytes,
  options: BrowserScoreOptions = {},
  onProgress?: (p: ProgressMessage) => void,
  workerOptions: WorkerOptions = {},
): Promise<ScoreResult> {
  const Worker = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  if (!Worker) throw new Error('scoreInWorker needs Web Workers (a browser page or a worker)');
  const signal = workerOptions.signal;
  signal?.throwIfAborted();
  const req: ScoreRequest = {
    type: 'score',
    model: await toArrayBuffer(model),
    modelName: workerOptions.modelName ?? nameOf(model, 'model.onnx'),
    data: await toArrayBuffer(data),
    dataName: workerOptions.dataName ?? nameOf(data, 'data.npz'),
    options,
  };
  const worker = new Worker(workerOptions.workerUrl ?? new URL('./worker.mjs', import.meta.url), { type: 'module', name: 'onnx-sane' });
  return new Promise<ScoreResult>((resolve, reject) => {
    const finish = (f: () => void) => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = () => finish(() => reject(signal?.reason ?? new Error('aborted')));
    signal?.addEventListener('abort', onAbort);
    worker.addEventListener('message', (e) => {
      const m = e.data;
      if (m.type === 'progress') onProgress?.(m);
      else if (m.type === 'result') finish(() => resolve(m.result));
      else finish(() => reject(rebuildError(m)));
    });
    // A worker that fails to start (bundle missing, a syntax error) reports here, not through a message.
    worker.addEventListener('error', (e) =>
      finish(() => reject(new Error(`the scoring worker failed: ${e.message ?? 'it could not be loaded'}`))),
    );
    worker.postMessage(req, [req.model, req.data]);
  });
}

function rebuildError(m: Extract<WorkerMessage, { type: 'error' }>): Error {
  if (m.sane) {
    const e = new SaneError(m.sane.reason, m.sane.template.message, { hint: m.sane.template.hint });
    e.name = m.name; // a layer's subclass (CorruptModelError...) keeps its name
    return e;
  }
  const e = new Error(m.message);
  e.name = m.name;
  return e;
}

/** SVG of the result's spectral density (the figure of `sane score --plot`); undefined without a density. */
export async function densitySvg(result: ScoreResult): Promise<string | undefined> {
  return (await import('./plot.js')).densitySvg(result);
}
