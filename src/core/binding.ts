// The table both builds of the core implement (the N-API addon in native/addon, the WebAssembly module through
// src/core/wasm/binding.ts). Bindings trust their arguments: src/core/checked.ts checks every call once, fills in
// every default, and is the only layer that words argument errors. Errors the core itself raises carry `code`
// (SANE_CORE_ARGUMENT | SANE_CORE_MEMORY | SANE_CORE_NUMERICAL | SANE_CORE_STATE; native/core/error.hpp).
import type { Core, DirectionVector, FdPoints, LanczosSession } from './types.js';

/** createLanczos options as the bindings receive them: checked and complete. */
export interface LanczosConfig {
  n: number;
  steps: number;
  reorthogonalize: boolean;
  partial: boolean;
  float32Basis: boolean;
  float32Vectors: boolean;
  seed: number;
  ritzVectors: number;
  memoryBudget: number;
  start?: Float64Array;
  deflation?: Float32Array[];
}

/** A Lanczos run as a build implements it: the session of `Core` without the checked dimension. */
export type BindingSession = Omit<LanczosSession, 'n'>;

/** The numerical methods have the signatures of `Core` (arguments already checked). */
export type CoreBinding = Omit<Core, 'kind' | 'createLanczos' | 'lanczosBytes' | 'fdStep' | 'fdPoints'> & {
  createLanczos(config: LanczosConfig): BindingSession;
  lanczosBytes(n: number, steps: number, reorthogonalize: boolean, float32Basis: boolean): number;
  fdStep(theta: Float32Array, v: DirectionVector, scheme: 'central' | 'forward', relStep: number | undefined): number;
  /** Optional arrays arrive as undefined (plus2 and minus2 together, only with minus). */
  fdPoints(
    theta: Float32Array, v: DirectionVector, thetaScale: number, scheme: 'central' | 'forward', relStep: number | undefined,
    plus: Float32Array, minus: Float32Array | undefined, plus2: Float32Array | undefined, minus2: Float32Array | undefined,
  ): FdPoints;
  /** Largest n whose vectors this build can hold (the WASM heap is 4 GiB), or Infinity. */
  readonly maxN: number;
};

/** An Error from a binding with the core's code attached. */
export function coreError(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
