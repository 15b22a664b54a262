// node:fs (and fs) in the browser bundle: a read-only virtual file system holding the one package file the library
// reads at run time, the ONNX schema (src/onnx/load.ts loads src/onnx/schema/onnx.proto by path). The build script
// (scripts/build-browser.mjs) embeds its text as __ONNX_PROTO__. Every other path is refused with a message saying
// why: the page has bytes, not files (models with external data cannot be read there).
declare const __ONNX_PROTO__: string;

/** Paths are whatever load.ts derives from the bundle's URL, so the schema is recognised by its tail. */
function virtualFile(p: unknown): string | undefined {
  const s = String(p).replace(/\\/g, '/');
  return s.endsWith('/schema/onnx.proto') ? __ONNX_PROTO__ : undefined;
}

function noFileSystem(p: unknown): Error {
  const e = new Error(
    `${String(p)}: there is no file system in the browser (a model with external data must be re-exported with its ` +
      'weights inside the .onnx file)',
  ) as Error & { code: string };
  e.code = 'ENOENT';
  return e;
}

export function existsSync(p: unknown): boolean {
  return virtualFile(p) !== undefined;
}

export function readFileSync(p: unknown, encoding?: unknown): string | Uint8Array {
  const text = virtualFile(p);
  if (text === undefined) throw noFileSystem(p);
  const enc = typeof encoding === 'string' ? encoding : (encoding as { encoding?: string } | undefined)?.encoding;
  return enc ? text : new TextEncoder().encode(text);
}

export function statSync(p: unknown): never {
  throw noFileSystem(p);
}
export function writeFileSync(p: unknown): never {
  throw noFileSystem(p);
}
export function mkdirSync(p: unknown): never {
  throw noFileSystem(p);
}
export function readdirSync(p: unknown): never {
  throw noFileSystem(p);
}
export function openSync(p: unknown): never {
  throw noFileSystem(p);
}
export function readSync(): never {
  throw noFileSystem('(file descriptor)');
}
export function closeSync(): void {}
export function fstatSync(): never {
  throw noFileSystem('(file descriptor)');
}

export const promises = {
  stat: async (p: unknown) => statSync(p),
  readFile: async (p: unknown, enc?: unknown) => readFileSync(p, enc),
  writeFile: async (p: unknown) => writeFileSync(p),
  mkdir: async (p: unknown) => mkdirSync(p),
};

export default {
  existsSync, readFileSync, statSync, writeFileSync, mkdirSync, readdirSync, openSync, readSync, closeSync, fstatSync,
  promises,
};
