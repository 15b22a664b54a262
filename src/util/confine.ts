// Confining paths to a folder: external-data locations to the model's folder, paths given to the service to its
// root. A relative path without '..' is not enough on its own (a symlink inside the folder can point out of it), so
// the real path of the target is compared with the real path of the folder too.
import fs from 'node:fs';
import path from 'node:path';
import { SaneError } from '../errors.js';

/**
 * The absolute path of `relative` inside `root`, or FORBIDDEN_PATH when it is absolute, has a '..' component, or
 * resolves (through symlinks) outside `root`. A target that does not exist yet is checked lexically only; the
 * caller's open then reports it missing.
 */
export function confinePath(root: string, relative: string, what: string): string {
  if (typeof relative !== 'string' || relative.length === 0) throw new SaneError('FORBIDDEN_PATH', `${what}: empty path`);
  if (relative.includes('\0')) throw new SaneError('FORBIDDEN_PATH', `${what}: the path contains a NUL byte`);
  if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
    throw new SaneError('FORBIDDEN_PATH', `${what}: absolute path "${relative}" is not allowed; give a path relative to its folder`);
  }
  if (relative.split(/[\\/]+/).includes('..')) {
    throw new SaneError('FORBIDDEN_PATH', `${what}: path "${relative}" leaves its folder ('..' is not allowed)`);
  }
  const full = path.resolve(root, relative);
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return full;
  }
  let real: string;
  try {
    real = fs.realpathSync(full);
  } catch {
    return full; // does not exist (yet): nothing to follow
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new SaneError('FORBIDDEN_PATH', `${what}: path "${relative}" resolves (through a symbolic link) outside its folder`);
  }
  return real;
}
