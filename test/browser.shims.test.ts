// The browser bundle's stand-ins for Node modules (src/browser/shims) against the real ones: the POSIX path
// functions against node:path.posix, fileURLToPath against node:url, the virtual file system against the schema on
// disk, and the protobufjs wrapper against protobufjs' own loadSync on a real model.
import { readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { fileURLToPath as nodeFileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const schemaFile = nodePath.join(repoRoot, 'src', 'onnx', 'schema', 'onnx.proto');
const schemaText = readFileSync(schemaFile, 'utf8');

beforeAll(() => {
  // What scripts/build-browser.mjs defines at build time.
  (globalThis as Record<string, unknown>).__ONNX_PROTO__ = schemaText;
});

describe('browser shims', () => {
  it('path: the POSIX functions agree with node:path.posix', async () => {
    const p = await import('../src/browser/shims/path.js');
    const paths = ['/a/b/c.proto', '/a/b/', 'a/b/../c', '../x/./y', '/', '.', 'file.onnx', '/a//b/./../c/', 'a/.hidden', '/x/y.tar.gz', '/a', 'a/', '/a/b//', ''];
    for (const x of paths) {
      expect(p.dirname(x), `dirname ${x}`).toBe(nodePath.posix.dirname(x));
      expect(p.basename(x), `basename ${x}`).toBe(nodePath.posix.basename(x));
      expect(p.extname(x), `extname ${x}`).toBe(nodePath.posix.extname(x));
      expect(p.normalize(x), `normalize ${x}`).toBe(nodePath.posix.normalize(x));
    }
    expect(p.join('/dist/browser', '..', '..', 'src', 'onnx', 'schema', 'onnx.proto')).toBe(nodePath.posix.join('/dist/browser', '..', '..', 'src', 'onnx', 'schema', 'onnx.proto'));
    expect(p.resolve('/base', 'a', '../b')).toBe(nodePath.posix.resolve('/base', 'a', '../b'));
    expect(p.basename('/m/model.onnx', '.onnx')).toBe('model');
  });

  it('url: fileURLToPath agrees with node:url on file URLs and takes the path of http URLs', async () => {
    const u = await import('../src/browser/shims/url.js');
    for (const x of ['file:///a/b%20c/d.js', 'file:///work/x.mjs']) expect(u.fileURLToPath(x)).toBe(nodeFileURLToPath(x));
    expect(u.fileURLToPath('http://127.0.0.1:8000/dist/browser/worker.mjs')).toBe('/dist/browser/worker.mjs');
  });

  it('fs: serves the ONNX schema wherever load.ts looks for it, refuses everything else', async () => {
    const fs = await import('../src/browser/shims/fs.js');
    // The two candidates src/onnx/load.ts tries, from a bundle at /dist/browser/worker.mjs.
    expect(fs.existsSync('/dist/browser/schema/onnx.proto')).toBe(true);
    expect(fs.readFileSync('/src/onnx/schema/onnx.proto', 'utf8')).toBe(schemaText);
    expect(new TextDecoder().decode(fs.readFileSync('/x/schema/onnx.proto') as Uint8Array)).toBe(schemaText);
    expect(fs.existsSync('/examples/spirals.npz')).toBe(false);
    expect(() => fs.readFileSync('/m/weights.bin')).toThrow(/no file system in the browser/);
    await expect(fs.promises.stat('/m/model.onnx')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('protobufjs: loadSync from the virtual file system decodes a model as protobufjs does from disk', async () => {
    const shim = (await import('../src/browser/shims/protobufjs.js')).default;
    const bytes = readFileSync(nodePath.join(repoRoot, 'examples', 'spirals_lr0.5.onnx'));
    const opts = { longs: Number, enums: Number, arrays: true, defaults: false };
    const viaShim = shim.loadSync('/src/onnx/schema/onnx.proto').lookupType('onnx.ModelProto');
    const viaDisk = protobuf.loadSync(schemaFile).lookupType('onnx.ModelProto');
    expect(viaShim.toObject(viaShim.decode(bytes), opts)).toEqual(viaDisk.toObject(viaDisk.decode(bytes), opts));
    expect(shim.Type).toBe(protobuf.Type); // everything else is the real package
  });
});
