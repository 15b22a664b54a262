// What the service checks before it accepts a job (so that hostile input gets a 4xx at once rather than a job that
// fails later): the paths stay in the root, the model decodes with its external data confined to its folder and its
// tensors within the input budget, and the data's zip directory declares no more than the budget. The worker checks
// all of this again (in score()); this is the fast, cheap subset.
import path from 'node:path';
import { SaneError } from '../errors.js';
import { confinePath } from '../util/confine.js';
import { loadModelFileBytes, parseModel } from '../onnx/model-file.js';
import { inspectNpz, readNpy } from '../data/npz.js';
import { defaultInputBudget } from '../util/input-budget.js';
import { fromBuilderError } from '../onnx/errors.js';

/** Absolute model and data paths for a job given relative to `root`, or a FORBIDDEN_PATH error. */
export function confineJobPaths(root: string, model: unknown, data: unknown): { model: string; data: string } {
  if (typeof model !== 'string' || typeof data !== 'string') throw new SaneError('BAD_OPTION', 'a job needs "model" and "data" paths (relative to the service root)');
  return { model: confinePath(root, model, 'model'), data: confinePath(root, data, 'data') };
}

export function precheckInputs(model: string, data: string, maxBytes = defaultInputBudget()): void {
  try {
    parseModel(loadModelFileBytes(model, { maxBytes }), { baseDir: path.dirname(model), label: path.basename(model), maxBytes });
  } catch (e) {
    throw fromBuilderError(e, path.basename(model));
  }
  if (data.toLowerCase().endsWith('.npy')) readNpy(data, { maxBytes });
  else inspectNpz(data, { maxBytes });
}

/** The HTTP status of a refused job. */
export function httpStatus(e: SaneError): number {
  switch (e.reason) {
    case 'BAD_OPTION':
      return 400;
    case 'FORBIDDEN_PATH':
      return 403;
    case 'FILE_NOT_FOUND':
      return 404;
    default:
      return 422;
  }
}
