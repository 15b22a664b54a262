// The default intra-op thread count for onnxruntime-node (src/util/physical-cores.ts): physical cores read from a
// sysfs tree. References: fake trees written here whose answers are known by construction, and this machine's own
// /proc/cpuinfo (distinct "physical id"/"core id" pairs), read independently of sysfs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCpuList, physicalCores } from '../src/util/physical-cores.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A sysfs cpu directory with `online` and, per CPU, its (package, core). */
function fakeSysfs(online: string, topology: Record<number, [number, number]>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sane-sysfs-'));
  dirs.push(root);
  fs.writeFileSync(path.join(root, 'online'), `${online}\n`);
  for (const [cpu, [pkg, core]] of Object.entries(topology)) {
    const t = path.join(root, `cpu${cpu}`, 'topology');
    fs.mkdirSync(t, { recursive: true });
    fs.writeFileSync(path.join(t, 'physical_package_id'), `${pkg}\n`);
    fs.writeFileSync(path.join(t, 'core_id'), `${core}\n`);
  }
  return root;
}

const allowed = os.availableParallelism();

describe('physicalCores', () => {
  it('counts distinct (package, core) pairs: two threads per core count once, cores of two packages apart', () => {
    // 4 CPUs as 2 cores with 2 threads each (hyperthreading): 2 cores.
    expect(physicalCores(fakeSysfs('0-3', { 0: [0, 0], 1: [0, 1], 2: [0, 0], 3: [0, 1] }))).toBe(Math.min(2, allowed));
    // 2 CPUs, 1 thread per core (the machine where onnxruntime's default ran one thread): 2.
    expect(physicalCores(fakeSysfs('0-1', { 0: [0, 0], 1: [0, 1] }))).toBe(Math.min(2, allowed));
    // The same core id in two packages: two cores.
    expect(physicalCores(fakeSysfs('0,1', { 0: [0, 0], 1: [1, 0] }))).toBe(Math.min(2, allowed));
    // Only the online CPUs count.
    expect(physicalCores(fakeSysfs('0', { 0: [0, 0], 1: [0, 1] }))).toBe(1);
  });

  it('never more than the CPUs this process may use (os.availableParallelism)', () => {
    const many = Object.fromEntries(Array.from({ length: allowed + 3 }, (_, i) => [i, [0, i] as [number, number]]));
    expect(physicalCores(fakeSysfs(`0-${allowed + 2}`, many))).toBe(allowed);
  });

  it('undefined where sysfs does not tell (no tree, a missing topology file, a garbled list): onnxruntime decides', () => {
    expect(physicalCores(path.join(os.tmpdir(), 'sane-no-such-sysfs'))).toBeUndefined();
    expect(physicalCores(fakeSysfs('0-1', { 0: [0, 0] }))).toBeUndefined();
    expect(physicalCores(fakeSysfs('zero', {}))).toBeUndefined();
  });

  it('parses CPU lists, and refuses what is not one or would pass 4096 CPUs', () => {
    expect(parseCpuList('0-3,8,10-11\n')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpuList('5')).toEqual([5]);
    expect(() => parseCpuList('3-1')).toThrow(/out of range/);
    expect(() => parseCpuList('0-99999')).toThrow(/out of range/);
    expect(() => parseCpuList('0;1')).toThrow(/not a CPU list/);
  });

  it.runIf(process.platform === 'linux' && fs.existsSync('/proc/cpuinfo'))('on this machine: the cores /proc/cpuinfo lists', () => {
    const pairs = new Set<string>();
    let pkg = '0';
    for (const line of fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n')) {
      const m = /^(physical id|core id)\s*:\s*(\d+)/.exec(line);
      if (m?.[1] === 'physical id') pkg = m[2];
      else if (m?.[1] === 'core id') pairs.add(`${pkg}:${m[2]}`);
    }
    // cpuinfo lists every online CPU with its package before its core; without those fields (some VMs) nothing to compare.
    if (pairs.size === 0) expect(physicalCores()).toBeGreaterThanOrEqual(1);
    else expect(physicalCores()).toBe(Math.min(pairs.size, allowed));
  });
});
