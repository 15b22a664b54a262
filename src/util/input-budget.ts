// The memory budget for what an input file declares (arrays of an .npy/.npz, tensors of an ONNX model and its
// external data). Sizes written in a header are checked against it before anything is inflated or allocated, so a
// small file that declares a huge array (a zip bomb, a forged shape) is refused at once instead of exhausting memory.
import os from 'node:os';
import { SaneError, opt } from '../errors.js';

/** Default: a quarter of the machine's memory, at most 2 GiB; score() takes `maxInputBytes` to change it. */
export function defaultInputBudget(): number {
  return Math.min(2 * 1024 ** 3, Math.floor(os.totalmem() / 4));
}

/** Throws TOO_LARGE when `bytes` (declared by `what`) exceeds the budget. */
export function checkDeclaredBytes(bytes: number, budget: number, what: string): void {
  if (!Number.isFinite(bytes) || bytes < 0) throw new SaneError('CORRUPT_FILE', `${what}: declares an impossible size (${bytes} bytes)`);
  if (bytes > budget) {
    throw new SaneError('TOO_LARGE', `${what} declares ${formatBytes(bytes)}, above the input memory budget of ${formatBytes(budget)}; refused before reading it`, {
      hint: `raise ${opt('maxInputBytes')} if the file is genuine`,
    });
  }
}

export function formatBytes(b: number): string {
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(1)} GiB`;
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MiB`;
  if (b >= 1024) return `${(b / 1024).toFixed(1)} KiB`;
  return `${b} B`;
}
