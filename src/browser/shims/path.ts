// node:path in the browser bundle: the POSIX functions the library calls on the paths it derives (src/onnx/load.ts
// looks for its schema beside the module; the virtual file system in ./fs.ts answers).
export const sep = '/';

export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  let s = out.join('/');
  if (s !== '' && p.endsWith('/')) s += '/'; // node keeps a trailing slash
  return abs ? `/${s}` : s || '.';
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

export function resolve(...parts: string[]): string {
  let p = '';
  for (const part of parts) p = part.startsWith('/') ? part : `${p}/${part}`;
  return normalize(p.startsWith('/') ? p : `/${p}`);
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/'; // p was all slashes
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  return s.slice(0, i).replace(/\/+$/, '') || '/';
}

export function basename(p: string, ext?: string): string {
  const b = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && b.endsWith(ext) ? b.slice(0, b.length - ext.length) : b;
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  return i > 0 ? b.slice(i) : '';
}

const path = { sep, normalize, join, resolve, isAbsolute, dirname, basename, extname };
export const posix = path;
export default path;
