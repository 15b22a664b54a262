// Checks on paths a user gave, so that a typo fails fast with the path and what it was for, before minutes of work.
import { stat } from 'node:fs/promises';
import { SaneError } from '../errors.js';

/** Throws FILE_NOT_FOUND, with the path and what it was for, unless `path` is an existing file. */
export async function checkUserFile(path: string, what: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new SaneError('FILE_NOT_FOUND', `${what} file not found: ${path}`);
  }
  if (info.isDirectory()) throw new SaneError('FILE_NOT_FOUND', `${what} path is a directory, not a file: ${path}`);
}
