// Small pieces of the scale-out code with exact expectations: path confinement, the bearer check, workers × threads,
// job validation, queue URLs and ids.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { confinePath } from '../src/util/confine.js';
import { bearerChecker } from '../src/server/auth.js';
import { resolveParallelism } from '../src/batch/pool.js';
import { validateJob } from '../src/batch/job.js';
import { bullJobId, redisConnection } from '../src/queue/connection.js';
import { SaneError } from '../src/errors.js';

const top = mkdtempSync(path.join(tmpdir(), 'sane-units-'));
const root = path.join(top, 'root');
mkdirSync(root);
afterAll(() => rmSync(top, { recursive: true, force: true }));

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as SaneError).reason;
  }
  return 'no error';
};

describe('confinePath', () => {
  mkdirSync(path.join(root, 'sub'));
  writeFileSync(path.join(root, 'sub', 'f.bin'), 'x');
  writeFileSync(path.join(top, 'outside.bin'), 'x');
  symlinkSync(path.join(top, 'outside.bin'), path.join(root, 'out-link'));
  symlinkSync(path.join(root, 'sub', 'f.bin'), path.join(root, 'in-link'));

  it('accepts paths inside, including symlinks that stay inside', () => {
    expect(confinePath(root, 'sub/f.bin', 'x')).toBe(path.join(root, 'sub', 'f.bin'));
    expect(confinePath(root, 'in-link', 'x')).toBe(path.join(root, 'sub', 'f.bin'));
    expect(confinePath(root, 'sub/missing.bin', 'x')).toBe(path.join(root, 'sub', 'missing.bin'));
  });
  it('refuses .., absolute paths, NUL bytes and symlinks out', () => {
    expect(reason(() => confinePath(root, '../x', 'x'))).toBe('FORBIDDEN_PATH');
    expect(reason(() => confinePath(root, 'sub/../../x', 'x'))).toBe('FORBIDDEN_PATH');
    expect(reason(() => confinePath(root, '/etc/passwd', 'x'))).toBe('FORBIDDEN_PATH');
    expect(reason(() => confinePath(root, 'a\0b', 'x'))).toBe('FORBIDDEN_PATH');
    expect(reason(() => confinePath(root, 'out-link', 'x'))).toBe('FORBIDDEN_PATH');
  });
});

describe('bearerChecker', () => {
  const ok = bearerChecker('s3cret-token');
  it('accepts exactly the token', () => {
    expect(ok('Bearer s3cret-token')).toBe(true);
    expect(ok('Bearer s3cret-tokenx')).toBe(false);
    expect(ok('Bearer s3cret')).toBe(false);
    expect(ok('s3cret-token')).toBe(false);
    expect(ok(undefined)).toBe(false);
  });
});

describe('resolveParallelism', () => {
  it('fills the cores with workers × threads', () => {
    expect(resolveParallelism({}, 8)).toEqual({ workers: 8, threads: 1 });
    expect(resolveParallelism({ workers: 2 }, 8)).toEqual({ workers: 2, threads: 4 });
    expect(resolveParallelism({ threads: 2 }, 8)).toEqual({ workers: 4, threads: 2 });
    expect(resolveParallelism({ workers: 3, threads: 3 }, 8)).toEqual({ workers: 3, threads: 3 });
    expect(resolveParallelism({ workers: 4 }, 2)).toEqual({ workers: 4, threads: 1 });
    expect(reason(() => resolveParallelism({ workers: 0 }, 2))).toBe('BAD_OPTION');
  });
});

describe('validateJob', () => {
  it('checks the shape of a job line', () => {
    expect(validateJob({ id: 7, model: 'm.onnx', data: 'd.npz' }, 'l1')).toEqual({ id: '7', model: 'm.onnx', data: 'd.npz', options: {} });
    expect(reason(() => validateJob({ model: 'm', data: 'd' }, 'l1'))).toBe('BAD_OPTION');
    expect(reason(() => validateJob({ id: 'a', model: 'm', data: 'd', options: { stepz: 3 } }, 'l1'))).toBe('BAD_OPTION');
    expect(reason(() => validateJob({ id: 'a', model: 'm', data: 'd', sha256: { model: 'xyz' } }, 'l1'))).toBe('BAD_OPTION');
    expect(reason(() => validateJob([1], 'l1'))).toBe('BAD_OPTION');
  });
});

describe('queue connection', () => {
  it('parses redis URLs and makes BullMQ-safe ids', () => {
    expect(redisConnection('redis://127.0.0.1:6390/2')).toMatchObject({ host: '127.0.0.1', port: 6390, db: 2, maxRetriesPerRequest: null });
    expect(reason(() => redisConnection('http://x'))).toBe('BAD_OPTION');
    expect(bullJobId('a:b/1')).toBe('id-a%3Ab%2F1');
    expect(bullJobId('12')).toBe('id-12');
  });
});
