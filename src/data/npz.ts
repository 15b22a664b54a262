// Reading numpy .npz (numpy.savez / savez_compressed) and .npy files. The zip's central directory gives each
// member's declared uncompressed size; members are refused against the input memory budget before they are
// inflated (a 9 MB .npz can declare gigabytes of zeros), and fflate inflates into a buffer of exactly the declared
// size, so a member that lies about its size cannot grow past it either. Each member is then an .npy (npy.ts).
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { SaneError } from '../errors.js';
import { checkDeclaredBytes, defaultInputBudget } from '../util/input-budget.js';
import { parseNpy, type NpyArray } from './npy.js';

export { parseNpy, parseNpyHeader, type NpyArray, type NpyData, type NpyDtype, type NpyHeader } from './npy.js';

export interface ReadLimits {
  /** Bytes the arrays may declare in all (default: defaultInputBudget()). */
  maxBytes?: number;
}

function readFileWithin(path: string, maxBytes: number): Uint8Array {
  let size: number;
  try {
    const s = fs.statSync(path);
    if (s.isDirectory()) throw new SaneError('FILE_NOT_FOUND', `data path is a directory, not a file: ${path}`);
    size = s.size;
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('FILE_NOT_FOUND', `data file not found: ${path}`);
  }
  checkDeclaredBytes(size, maxBytes, `data file ${path}`);
  try {
    return fs.readFileSync(path);
  } catch {
    throw new SaneError('FILE_NOT_FOUND', `data file not found: ${path}`);
  }
}

/** Reads all arrays of an .npz file, by name (without the .npy suffix). */
export function readNpz(path: string, limits: ReadLimits = {}): Record<string, NpyArray> {
  const maxBytes = limits.maxBytes ?? defaultInputBudget();
  return parseNpz(readFileWithin(path, maxBytes), path, { maxBytes });
}

export function parseNpz(bytes: Uint8Array, label = 'npz', limits: ReadLimits = {}): Record<string, NpyArray> {
  const maxBytes = limits.maxBytes ?? defaultInputBudget();
  let files: Record<string, Uint8Array>;
  let declared = 0;
  try {
    files = unzipSync(bytes, {
      // Called from the central directory, before the member is inflated.
      filter: (f) => {
        if (!f.name.endsWith('.npy')) return false;
        declared += f.originalSize;
        checkDeclaredBytes(declared, maxBytes, `${label}:${f.name.slice(0, -4)}: its arrays (${f.name} inflates to ${f.originalSize} bytes)`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('CORRUPT_FILE', `${label}: not a readable .npz (zip) file: ${(e as Error).message}`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [name, content] of Object.entries(files)) {
    const key = name.slice(0, -4);
    out[key] = parseNpy(content, `${label}:${key}`, maxBytes);
  }
  if (Object.keys(out).length === 0) throw new SaneError('CORRUPT_FILE', `${label}: the .npz holds no .npy arrays`);
  return out;
}

/**
 * Checks the sizes an .npz declares in its zip directory against the budget without inflating anything (the
 * service's check at submission; the worker still checks each .npy header when it reads the file).
 */
export function inspectNpz(path: string, limits: ReadLimits = {}): { arrays: string[]; declaredBytes: number } {
  const maxBytes = limits.maxBytes ?? defaultInputBudget();
  const bytes = readFileWithin(path, maxBytes);
  const arrays: string[] = [];
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('.npy')) return false;
        arrays.push(f.name.slice(0, -4));
        declared += f.originalSize;
        checkDeclaredBytes(declared, maxBytes, `${path}:${f.name.slice(0, -4)}: its arrays (${f.name} inflates to ${f.originalSize} bytes)`);
        return false;
      },
    });
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('CORRUPT_FILE', `${path}: not a readable .npz (zip) file: ${(e as Error).message}`);
  }
  if (arrays.length === 0) throw new SaneError('CORRUPT_FILE', `${path}: the .npz holds no .npy arrays`);
  return { arrays, declaredBytes: declared };
}

/** Reads a single .npy file. */
export function readNpy(path: string, limits: ReadLimits = {}): NpyArray {
  const maxBytes = limits.maxBytes ?? defaultInputBudget();
  return parseNpy(readFileWithin(path, maxBytes), path, maxBytes);
}
