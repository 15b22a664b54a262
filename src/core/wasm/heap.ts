// Marshalling between JavaScript and the WASM heap: copies in and out, allocation with a clear out-of-memory error,
// and the module's pending error turned into an Error with the core's code.
//
// Heap views: the heap may grow during any call that allocates (malloc, a Lanczos session, a result), which detaches
// every view taken before. Views are therefore never kept: each read or write takes a fresh one from the current
// buffer, after the allocations it depends on.
import { coreError } from '../binding.js';
import type { SaneWasmModule } from './module.js';

export type HeapArray = Float64Array | Float32Array | Int32Array;

export class Heap {
  constructor(readonly m: SaneWasmModule) {}

  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.m.HEAPU8.buffer, ptr >>> 0, n);
  }
  f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.m.HEAPU8.buffer, ptr >>> 0, n);
  }

  cString(ptr: number): string {
    const heap = this.m.HEAPU8;
    const start = ptr >>> 0;
    let end = start;
    while (heap[end] !== 0) end++;
    return new TextDecoder().decode(heap.subarray(start, end));
  }

  /** Throws the core's error (message and code) when the last call failed. */
  check(): void {
    if (this.m._sane_error_pending()) {
      throw coreError(this.cString(this.m._sane_error_message()), this.cString(this.m._sane_error_code()));
    }
  }

  malloc(bytes: number, what: string): number {
    const p = this.m._malloc(Math.max(bytes, 8)) >>> 0;
    if (p === 0) {
      throw coreError(
        `out of memory in ${what}: the WASM heap could not grow by ${bytes} bytes (it is limited to 4 GiB, and the ` +
          'browser or Node may allow less)',
        'SANE_CORE_MEMORY',
      );
    }
    return p;
  }

  /** Copies arrays into freshly allocated heap memory, runs fn with their pointers and frees them. Entries given as
   *  a number allocate that many bytes uninitialised (outputs); null gives a null pointer. */
  with<T>(what: string, inputs: (HeapArray | number | null)[], fn: (ptrs: number[]) => T): T {
    const ptrs: number[] = [];
    try {
      for (const a of inputs) {
        ptrs.push(a === null ? 0 : this.malloc(typeof a === 'number' ? a : a.byteLength, what));
      }
      // All allocations are done: the buffer is final for the copies.
      const heap = this.m.HEAPU8;
      inputs.forEach((a, i) => {
        if (a !== null && typeof a !== 'number') heap.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), ptrs[i]);
      });
      return fn(ptrs);
    } finally {
      for (const p of ptrs) if (p) this.m._free(p);
    }
  }

  /** Copies g_out (the vector the last call returned) out of the heap and releases it. */
  takeOut(): Float64Array {
    const out = this.f64(this.m._sane_out_ptr(), this.m._sane_out_len()).slice();
    this.m._sane_out_release();
    return out;
  }
}
