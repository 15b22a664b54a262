// The thread count onnxruntime-node gets when the caller gives none: the physical cores this process may run on.
// onnxruntime's own default means the same (one thread per physical core, as its cpuinfo reads them), but it came
// out as ONE thread on a 2-core AMD EPYC VM whose sysfs lists two cores of one thread each: resnet8's forward pass
// took 50.9 ms against 27.1 ms with two threads, and every product of a default run was about twice as slow. So
// where Linux lists the topology the count is taken from it; elsewhere onnxruntime's default stands.
import fs from 'node:fs';
import os from 'node:os';

/** At most this many CPUs are read (a bound on the work, far above any machine this runs on). */
const MAX_CPUS = 4096;

/**
 * Distinct (package, core) pairs among the online CPUs in Linux's sysfs, at most the CPUs this process may use
 * (os.availableParallelism, which follows its affinity mask); undefined where sysfs does not tell (not Linux, no
 * topology files), so that the caller keeps onnxruntime's default.
 */
export function physicalCores(root = '/sys/devices/system/cpu'): number | undefined {
  let online: number[];
  try {
    online = parseCpuList(fs.readFileSync(`${root}/online`, 'utf8'));
  } catch {
    return undefined;
  }
  const cores = new Set<string>();
  for (const cpu of online) {
    const dir = `${root}/cpu${cpu}/topology`;
    try {
      cores.add(`${fs.readFileSync(`${dir}/physical_package_id`, 'utf8').trim()}:${fs.readFileSync(`${dir}/core_id`, 'utf8').trim()}`);
    } catch {
      return undefined;
    }
  }
  if (cores.size === 0) return undefined;
  const allowed = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores.size, allowed));
}

/** A sysfs CPU list ("0-3,8,10-11") as the CPU numbers; throws on anything else or past MAX_CPUS. */
export function parseCpuList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`not a CPU list: ${JSON.stringify(text.slice(0, 80))}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || out.length + (b - a + 1) > MAX_CPUS) throw new Error(`CPU list out of range: ${JSON.stringify(text.slice(0, 80))}`);
    for (let c = a; c <= b; c++) out.push(c);
  }
  return out;
}
