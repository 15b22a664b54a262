// node:os in the browser bundle. The scorer asks for a thread count only when none is given, for free memory only
// when no gateMemoryBudget is given, and for total memory only when no maxInputBytes is given; the worker
// (src/browser/worker.ts) always gives all three, so reaching the memory functions is a bug to report, not a guess.
const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;

export function availableParallelism(): number {
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

export function cpus(): unknown[] {
  return Array.from({ length: availableParallelism() }, () => ({}));
}

export function freemem(): number {
  throw new Error('free memory is unknown in the browser: pass gateMemoryBudget');
}

export function totalmem(): number {
  throw new Error('total memory is unknown in the browser: pass maxInputBytes');
}

export default { availableParallelism, cpus, freemem, totalmem };
