// Reading the arrays a score runs on from a file (.npz: all arrays by name; .npy: one array named after the file),
// within the input memory budget (sizes declared by headers are checked before anything is inflated).
import { SaneError, errorMessage } from '../errors.js';
import type { ArrayData } from './types.js';

export interface LoadArraysOptions {
  /** Bytes the file's arrays may declare (default: defaultInputBudget()). */
  maxBytes?: number;
}

/**
 * Reads the arrays of an .npz (all arrays by name) or a single .npy (one array named after the file, which the
 * sole-input fallback of matchDataset then feeds to a single-input model).
 */
export async function loadArrays(data: string | Record<string, ArrayData>, options: LoadArraysOptions = {}): Promise<Record<string, ArrayData>> {
  if (typeof data !== 'string') {
    if (!data || typeof data !== 'object') throw new SaneError('BAD_OPTION', 'data must be a path to an .npz/.npy file or a record of arrays');
    return data;
  }
  const { stat } = await import('node:fs/promises');
  try {
    const s = await stat(data);
    if (s.isDirectory()) throw new SaneError('FILE_NOT_FOUND', `data path is a directory, not a file: ${data}`);
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('FILE_NOT_FOUND', `data file not found: ${data}`);
  }
  const npz = await import('./npz.js');
  const lower = data.toLowerCase();
  try {
    if (lower.endsWith('.npy')) {
      const base = data.replace(/^.*[\\/]/, '').replace(/\.npy$/i, '');
      return { [base]: npz.readNpy(data, { maxBytes: options.maxBytes }) };
    }
    return npz.readNpz(data, { maxBytes: options.maxBytes }) as Record<string, ArrayData>;
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('CORRUPT_FILE', `cannot read data file ${data}: ${errorMessage(e)}`, { cause: e, hint: 'the data must be a numpy .npz (numpy.savez) or .npy file' });
  }
}

