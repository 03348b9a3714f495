// General matrix multiply on row-major Float64Arrays: C = (accumulate ? C : 0) + op(A) @ op(B).

import { performance } from "node:perf_hooks";
import { GemmCosts } from "./gemm-costs";
import { gemmWasm, wasmAvailable } from "./gemm-wasm";

/** Which kernel runs a product: "auto" picks by size; the others force one path (tests, benchmarks). */
export type GemmPath = "auto" | "plain" | "wasm" | "threads";

// The one setting of gemm: set only through setGemmPath (tests and benchmarks), "auto" otherwise.
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

// Made on the first large product with path "auto": importing gemm measures and allocates nothing.
let costs: GemmCosts | undefined;

/**
 * op(A) [m, k] @ op(B) [k, n] → C [m, n], all row-major.
 * transA: A is stored as [k, m] and used transposed; transB: B is stored as [n, k].
 * accumulate: add into C instead of overwriting it (gradient accumulation without a temporary).
 * C must not share memory with A or B. Every path (plain TypeScript, wasm, wasm on several threads)
 * sums each element over p in order with separate multiply and add, so all give bitwise the same C.
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
    costs ??= new GemmCosts();
    const key = `${m} ${n} ${k} ${transA} ${transB}`;
    const shared = costs.chooseShared(key);
    const t0 = performance.now();
    if (gemmWasm(transA, transB, m, n, k, a, b, c, accumulate, shared)) {
      costs.record(key, shared, performance.now() - t0);
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

/**
 * Plain TypeScript kernel, for tiny products and engines without wasm SIMD: 4×4 tiles of C held in
 * sixteen locals (what lets V8 keep them in registers), operands read in place through strides, so
 * every transpose variant is the same loop; a scalar loop finishes the ragged edges.
 */
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
  // op(A)[i, p] = a[i·ars + p·acs],  op(B)[p, j] = b[p·brs + j·bcs]
  const ars = transA ? 1 : k, acs = transA ? m : 1;
  const brs = transB ? 1 : n, bcs = transB ? k : 1;
  const m4 = m - (m % 4), n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pa = i * ars, pb = j * bcs;
      for (let p = 0; p < k; p++, pa += acs, pb += brs) {
        const a0 = a[pa], a1 = a[pa + ars], a2 = a[pa + 2 * ars], a3 = a[pa + 3 * ars];
        const b0 = b[pb], b1 = b[pb + bcs], b2 = b[pb + 2 * bcs], b3 = b[pb + 3 * bcs];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const r0 = i * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      if (accumulate) {
        c[r0] += c00; c[r0 + 1] += c01; c[r0 + 2] += c02; c[r0 + 3] += c03;
        c[r1] += c10; c[r1 + 1] += c11; c[r1 + 2] += c12; c[r1 + 3] += c13;
        c[r2] += c20; c[r2 + 1] += c21; c[r2 + 2] += c22; c[r2 + 3] += c23;
        c[r3] += c30; c[r3 + 1] += c31; c[r3 + 2] += c32; c[r3 + 3] += c33;
      } else {
        c[r0] = c00; c[r0 + 1] = c01; c[r0 + 2] = c02; c[r0 + 3] = c03;
        c[r1] = c10; c[r1 + 1] = c11; c[r1 + 2] = c12; c[r1 + 3] = c13;
        c[r2] = c20; c[r2 + 1] = c21; c[r2 + 2] = c22; c[r2 + 3] = c23;
        c[r3] = c30; c[r3 + 1] = c31; c[r3 + 2] = c32; c[r3 + 3] = c33;
      }
    }
  }
  // ragged edges: the last m % 4 rows (all columns) and the last n % 4 columns (of the tiled rows)
  const edge = (i: number, j: number) => {
    let s = 0;
    for (let p = 0, pa = i * ars, pb = j * bcs; p < k; p++, pa += acs, pb += brs) s += a[pa] * b[pb];
    c[i * n + j] = accumulate ? c[i * n + j] + s : s;
  };
  for (let i = m4; i < m; i++) for (let j = 0; j < n; j++) edge(i, j);
  for (let i = 0; i < m4; i++) for (let j = n4; j < n; j++) edge(i, j);
}
