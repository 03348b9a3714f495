// General matrix multiply on row-major Float64Arrays: C = (accumulate ? C : 0) + op(A) @ op(B).

import { performance } from "node:perf_hooks";
import { gemmWasm, wasmAvailable } from "./gemm-wasm";

/** Which kernel runs a product: "auto" picks by size; the others force one path (tests, benchmarks). */
export type GemmPath = "auto" | "plain" | "wasm" | "threads";

let forcedPath: GemmPath = "auto";

// Below this many multiply-adds copying into wasm memory costs more than it saves.
const WASM_MIN_MACS = 4096;
// Above this many the worker threads pay for their wake-up (~tens of µs).
const THREADS_MIN_MACS = 1 << 20;

/** Forces one kernel for every later gemm ("auto" restores the choice by size). */
export function setGemmPath(path: GemmPath): void {
  if (!["auto", "plain", "wasm", "threads"].includes(path)) {
    throw new RangeError(`setGemmPath: path must be "auto", "plain", "wasm" or "threads", got ${JSON.stringify(path)}`);
  }
  forcedPath = path;
}

/** The kernel gemm would use for an m×n×k product. */
export function gemmPathFor(m: number, n: number, k: number): Exclude<GemmPath, "auto"> {
  if (forcedPath !== "auto") return forcedPath === "plain" || wasmAvailable() ? forcedPath : "plain";
  const macs = m * n * k;
  if (macs < WASM_MIN_MACS || !wasmAvailable()) return "plain";
  return macs >= THREADS_MIN_MACS ? "threads" : "wasm";
}

// Worker threads pay off only while another core is free: on a busy machine a preempted worker
// stalls the whole product. So large products keep the last few costs per multiply-add of both ways
// and take the cheaper, trying the other one every EXPLORE_EVERY calls. Both give bitwise the same C
// (each element is summed in the same order), so the choice never changes a result.
const EXPLORE_EVERY = 8;
const costs: { [way: string]: number[] } = { shared: [], single: [] };
let largeCalls = 0;

function chooseShared(): boolean {
  largeCalls++;
  const shared = medianCost(costs.shared);
  const single = medianCost(costs.single);
  if (Number.isNaN(shared)) return true;
  if (Number.isNaN(single)) return false;
  const better = shared <= single;
  return largeCalls % EXPLORE_EVERY === 0 ? !better : better;
}

function record(shared: boolean, cost: number): void {
  const list = shared ? costs.shared : costs.single;
  list.push(cost);
  if (list.length > 5) list.shift();
}

function medianCost(list: number[]): number {
  if (list.length === 0) return NaN;
  const s = [...list].sort((x, y) => x - y);
  return s[s.length >> 1];
}

/**
 * op(A) [m, k] @ op(B) [k, n] → C [m, n], all row-major.
 * transA: A is stored as [k, m] and used transposed; transB: B is stored as [n, k].
 * accumulate: add into C instead of overwriting it (gradient accumulation without a temporary).
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate: boolean,
): void {
  checkGemm(m, n, k, a, b, c);
  const path = gemmPathFor(m, n, k);
  if (path === "threads" && forcedPath === "auto") {
    const shared = chooseShared();
    const t0 = performance.now();
    if (gemmWasm(transA, transB, m, n, k, a, b, c, accumulate, shared)) {
      record(shared, (performance.now() - t0) / (m * n * k));
      return;
    }
  } else if (path !== "plain" && gemmWasm(transA, transB, m, n, k, a, b, c, accumulate, path === "threads")) return;
  gemmPlain(transA, transB, m, n, k, a, b, c, accumulate);
}

/** Throws unless the sizes are non-negative integers and the arrays hold at least m·k, k·n, m·n values. */
export function checkGemm(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  for (const [name, v] of [["m", m], ["n", n], ["k", k]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`gemm: ${name} must be a non-negative integer, got ${v}`);
  }
  if (a.length < m * k) throw new RangeError(`gemm: a must hold m·k = ${m * k} values, got ${a.length}`);
  if (b.length < k * n) throw new RangeError(`gemm: b must hold k·n = ${k * n} values, got ${b.length}`);
  if (c.length < m * n) throw new RangeError(`gemm: c must hold m·n = ${m * n} values, got ${c.length}`);
}

/** Plain TypeScript kernel: loop orders chosen so the innermost loop walks memory contiguously. */
export function gemmPlain(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate: boolean,
): void {
  if (!accumulate) c.fill(0, 0, m * n);
  if (!transB) {
    // C[i, :] += op(A)[i, p] * B[p, :]  — contiguous rows of B and C
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  } else if (!transA) {
    // C[i, j] += A[i, :] · B[j, :]  — both rows contiguous
    for (let i = 0; i < m; i++) {
      const ai = i * k;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
        c[i * n + j] += s;
      }
    }
  } else {
    // Aᵀ Bᵀ: C[i, j] += Σ_p A[p, i] B[j, p]; walk A's row p for all i, B's column p for j
    for (let p = 0; p < k; p++) {
      const ap = p * m;
      for (let j = 0; j < n; j++) {
        const bjp = b[j * k + p];
        for (let i = 0; i < m; i++) c[i * n + j] += a[ap + i] * bjp;
      }
    }
  }
}
