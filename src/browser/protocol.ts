// Messages between the page (src/browser/index.ts) and the scoring worker (src/browser/worker.ts). Everything
// crosses by structured clone: the input bytes are transferred, errors travel as plain data and are rebuilt as
// SaneError on the page side so callers can switch on `reason` exactly as in Node.
import type { ScoreOptions, ScoreResult } from '../api/types.js';
import type { SaneErrorReason } from '../errors.js';

/** Options the page may set: the backend (WASM core, onnxruntime-web) and the progress callback are the worker's;
 *  cancelling is terminating the worker (scoreInWorker's own signal), since an AbortSignal cannot cross to it. */
export type BrowserScoreOptions = Omit<ScoreOptions, 'core' | 'runtime' | 'onProgress' | 'signal'>;

export interface ScoreRequest {
  type: 'score';
  model: ArrayBuffer;
  /** Name shown as the result's `model` (the dropped file's name or the URL). */
  modelName: string;
  data: ArrayBuffer;
  dataName: string;
  options: BrowserScoreOptions;
}

export interface ProgressMessage {
  type: 'progress';
  /** 'reading', 'preparing' before the first product, then the estimator's stages ('gradient', 'exact', ...). */
  stage: string;
  hvpDone: number;
  hvpTotal: number;
  elapsedSeconds: number;
  etaSeconds: number;
}

export interface ResultMessage {
  type: 'result';
  result: ScoreResult;
}

export interface ErrorMessage {
  type: 'error';
  /** Set when the worker threw a SaneError: its reason and unrendered message/hint. */
  sane?: { reason: SaneErrorReason; template: { message: string; hint?: string } };
  name: string;
  message: string;
}

export type WorkerMessage = ProgressMessage | ResultMessage | ErrorMessage;
