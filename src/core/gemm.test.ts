// gemm: every path (plain TypeScript, wasm SIMD, wasm on worker threads) against a naive triple loop, bitwise agreement, thread failure, the committed kernel bytes.
import { describe, expect, it } from "vitest";
import { gemm, gemmPathFor, gemmPlain, setGemmPath } from "./gemm";
import { gemmWasm, gemmWorkers, setGemmThreads, wasmAvailable } from "./gemm-wasm";
import { assembleGemmKernel } from "./gemm-wasm-build";
import { GEMM_WASM_BASE64 } from "./gemm-wasm-bytes";

// Deterministic pseudo-random fill (no dependency on the module's own generator).
function fill(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

function naive(tA: boolean, tB: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array, c0: Float64Array, acc: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = acc ? c0[i * n + j] : 0;
      for (let p = 0; p < k; p++) s += (tA ? a[p * m + i] : a[i * k + p]) * (tB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

type Gemm = typeof gemm;
const wasmSingle: Gemm = (tA, tB, m, n, k, a, b, c, acc) => {
  expect(gemmWasm(tA, tB, m, n, k, a, b, c, acc, false)).toBe(true);
};
const wasmThreaded: Gemm = (tA, tB, m, n, k, a, b, c, acc) => {
  expect(gemmWasm(tA, tB, m, n, k, a, b, c, acc, true)).toBe(true);
};
export const sizes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [17, 33, 9], [2, 1, 4], [1, 6, 3], [8, 8, 8], [0, 3, 2], [3, 2, 0]];

export function checkAgainstNaive(f: Gemm, m: number, n: number, k: number, tol = 1e-12): void {
  for (const tA of [false, true])
    for (const tB of [false, true])
      for (const acc of [false, true]) {
        const a = fill(m * k, m * 31 + k);
        const b = fill(k * n, n * 17 + k + 1);
        const c0 = fill(m * n, 99);
        const c = c0.slice();
        f(tA, tB, m, n, k, a, b, c, acc);
        const want = naive(tA, tB, m, n, k, a, b, c0, acc);
        for (let i = 0; i < m * n; i++) {
          if (Math.abs(c[i] - want[i]) > tol * (1 + Math.abs(want[i])))
            throw new Error(`gemm mismatch tA=${tA} tB=${tB} acc=${acc} [${m},${n},${k}] at ${i}: ${c[i]} vs ${want[i]}`);
        }
      }
}

describe("gemm", () => {
  for (const [m, n, k] of sizes) {
    it(`matches the naive triple loop for m=${m} n=${n} k=${k}, all transposes, accumulate on/off`, () => {
      checkAgainstNaive(gemm, m, n, k);
      checkAgainstNaive(gemmPlain, m, n, k);
      checkAgainstNaive(wasmSingle, m, n, k);
      checkAgainstNaive(wasmThreaded, m, n, k);
    });
  }

  it("runs the WebAssembly kernel here (Node 20 has wasm SIMD and shared memory)", () => {
    expect(wasmAvailable()).toBe(true);
  });

  it("every path agrees with the naive loop on sizes that cross tile and chunk edges", () => {
    // 4×4 tiles, chunks of row panels shared between threads: ragged edges on every side
    for (const [m, n, k] of [[37, 21, 50], [64, 12, 33], [201, 10, 99], [5, 103, 17]] as [number, number, number][]) {
      checkAgainstNaive(gemmPlain, m, n, k);
      checkAgainstNaive(wasmSingle, m, n, k);
      checkAgainstNaive(wasmThreaded, m, n, k);
    }
  });

  it("shares a large product with worker threads and matches the naive loop on the benchmark's shapes", () => {
    setGemmThreads(2);
    checkAgainstNaive(wasmThreaded, 200, 100, 784); // X @ W1
    checkAgainstNaive(wasmThreaded, 100, 784, 20); // wide output, few rows
  });

  it("carries on alone, with right results, after its worker thread dies", async () => {
    setGemmThreads(2);
    checkAgainstNaive(wasmThreaded, 64, 40, 30);
    const workers = gemmWorkers();
    expect(workers.length).toBe(1);
    await Promise.all(workers.map((w) => w.terminate()));
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the exit event arrive
    checkAgainstNaive(wasmThreaded, 64, 40, 30);
    expect(gemmWorkers().length).toBe(0);
    setGemmThreads(2); // allowed to start a fresh pool
    checkAgainstNaive(wasmThreaded, 64, 40, 30);
    expect(gemmWorkers().length).toBe(1);
  });

  it("every path gives bitwise the same C (each element summed over p in order, no fused multiply-add)", () => {
    // what lets gemm switch between one thread and several, or wasm and TypeScript, without changing a result
    for (const [m, n, k] of [[37, 21, 50], [200, 100, 78]] as [number, number, number][]) {
      for (const tA of [false, true])
        for (const tB of [false, true]) {
          const a = fill(m * k, 5), b = fill(k * n, 6);
          const outs = [gemmPlain, wasmSingle, wasmThreaded].map((f) => {
            const c = fill(m * n, 7);
            f(tA, tB, m, n, k, a, b, c, true);
            return Array.from(c);
          });
          expect(outs[1]).toEqual(outs[0]);
          expect(outs[2]).toEqual(outs[0]);
        }
    }
  });

  it("forcing a path is honoured and unknown paths are refused", () => {
    try {
      setGemmPath("plain");
      expect(gemmPathFor(200, 100, 784)).toBe("plain");
      setGemmPath("wasm");
      expect(gemmPathFor(2, 2, 2)).toBe("wasm");
      setGemmPath("auto");
      expect(gemmPathFor(2, 2, 2)).toBe("plain");
      expect(gemmPathFor(200, 100, 784)).toBe("threads");
      expect(() => setGemmPath("gpu" as never)).toThrow('setGemmPath: path must be "auto", "plain", "wasm" or "threads", got "gpu"');
    } finally {
      setGemmPath("auto");
    }
  });

  it("the committed kernel bytes are a fresh assemble of gemm-kernel.wat", async () => {
    const fresh = Buffer.from(await assembleGemmKernel()).toString("base64");
    expect(GEMM_WASM_BASE64).toBe(fresh);
  });

  it("overwrites C when accumulate is false, even if C holds NaN", () => {
    const c = new Float64Array([NaN, NaN]);
    gemm(false, false, 1, 2, 1, new Float64Array([2]), new Float64Array([3, 4]), c, false);
    expect(Array.from(c)).toEqual([6, 8]);
  });

  it("adds into C when accumulate is true", () => {
    const c = new Float64Array([1, 1]);
    gemm(false, false, 1, 2, 1, new Float64Array([2]), new Float64Array([3, 4]), c, true);
    expect(Array.from(c)).toEqual([7, 9]);
  });

  it("rejects arrays too short for the sizes, naming the argument", () => {
    expect(() => gemm(false, false, 2, 2, 2, new Float64Array(3), new Float64Array(4), new Float64Array(4), false)).toThrow(
      "gemm: a must hold m·k = 4 values, got 3",
    );
    expect(() => gemm(false, false, 2, -1, 2, new Float64Array(4), new Float64Array(4), new Float64Array(4), false)).toThrow(
      "gemm: n must be a non-negative integer, got -1",
    );
  });
});
