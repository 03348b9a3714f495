// gemm on the WebAssembly SIMD kernel (gemm-kernel.wat), on this thread or shared with worker threads.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { GEMM_WASM_BASE64 } from "./gemm-wasm-bytes";

// lib ES2022 without DOM has no WebAssembly types: declare the little we use.
interface WasmModule { readonly __wasmModule?: never }
interface WasmMemory { readonly buffer: SharedArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (m: WasmModule, imports: object) => { exports: { [name: string]: unknown } };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

type Tiles = (
  ap: number, rsA: number, csA: number, panelStride: number, bp: number, cp: number, ldc: number,
  k: number, ip0: number, ip1: number, jpCount: number,
) => void;
type PackB = (src: number, ldb: number, dst: number, k: number, jpCount: number) => void;

const TILE = 4; // the kernel's tile is 4×4 (rows × columns)
const PAGE = 65536;
const MAX_PAGES = 16384; // must match the maximum declared in gemm-kernel.wat (1 GiB)

interface Runtime {
  module: WasmModule;
  memory: WasmMemory;
  tiles: Tiles;
  packB: PackB;
  f64: Float64Array;
}

let runtime: Runtime | null | undefined; // undefined: not tried yet; null: wasm unavailable

/** The instantiated kernel, or null when this JavaScript engine lacks wasm SIMD or shared memory. */
function getRuntime(): Runtime | null {
  if (runtime !== undefined) return runtime;
  try {
    if (!wasm) throw new Error("no WebAssembly");
    const module = new wasm.Module(Buffer.from(GEMM_WASM_BASE64, "base64"));
    const memory = new wasm.Memory({ initial: 64, maximum: MAX_PAGES, shared: true });
    const instance = new wasm.Instance(module, { env: { memory } });
    runtime = { module, memory, tiles: instance.exports.tiles as Tiles, packB: instance.exports.packB as PackB, f64: new Float64Array(memory.buffer) };
  } catch {
    runtime = null;
  }
  return runtime;
}

/** True when the WebAssembly kernel can run here. */
export function wasmAvailable(): boolean {
  return getRuntime() !== null;
}

/** Grows the shared memory to hold `doubles` float64 values and returns a current view of it (null: too big). */
function reserve(rt: Runtime, doubles: number): Float64Array | null {
  const bytes = doubles * 8;
  if (bytes > MAX_PAGES * PAGE) return null; // past the kernel's 1 GiB: the caller falls back to plain TypeScript
  const have = rt.memory.buffer.byteLength;
  if (bytes > have) {
    try {
      rt.memory.grow(Math.ceil((bytes - have) / PAGE));
    } catch {
      return null; // the system refused the memory: plain TypeScript needs none beyond the operands
    }
  }
  if (rt.f64.length * 8 !== rt.memory.buffer.byteLength) rt.f64 = new Float64Array(rt.memory.buffer);
  return rt.f64;
}

// ---- worker threads: chunks of row panels claimed from a shared counter --------------------------

// Control words (Int32Array over a SharedArrayBuffer).
const SEQ = 0; // job number; workers sleep on it
const NEXT = 1; // (job tag << 16) | next chunk index; 0xffff = closed
const DONE = 2; // chunks finished
const CHUNKS = 3; // chunks in this job
const ARGS = 4; // ap, rsA, csA, panelStride, bp, cp, ldc, k, jpCount, panelsPerChunk, panels
const STOP = 15;
const DEAD = 16; // a worker threw: the job in flight must be finished by this thread
const CONTROL_WORDS = 17;
const CLOSED = 0xffff;

// Worker and main thread run the same claim loop; a chunk is claimed only while its job is open,
// so a worker that wakes late can never run a finished job's chunk with the next job's arguments.
const workerSource = (): string => `
const { workerData } = require("node:worker_threads");
const { module, memory, control } = workerData;
const tiles = new WebAssembly.Instance(module, { env: { memory } }).exports.tiles;
const c = new Int32Array(control);
function claimLoop(c, tiles, seq) {${CLAIM_LOOP_BODY}}
let seen = 0;
for (;;) {
  Atomics.wait(c, ${SEQ}, seen);
  seen = Atomics.load(c, ${SEQ});
  if (Atomics.load(c, ${STOP}) !== 0) break;
  try {
    claimLoop(c, tiles, seen);
  } catch (e) {
    Atomics.store(c, ${DEAD}, 1);
    Atomics.notify(c, ${DONE});
    throw e;
  }
}
`;

// Runs chunks of job `seq` until none are left, returning how many this caller ran. Kept as source
// text so the worker (an eval'd script) and this thread run the very same code, untouched by any
// transpiler's helpers.
const CLAIM_LOOP_BODY = `
  const tag = seq & 0x7fff;
  let ran = 0;
  for (;;) {
    const cur = Atomics.load(c, ${NEXT});
    if (cur >>> 16 !== tag) return ran;
    const idx = cur & 0xffff;
    if (idx >= Atomics.load(c, ${CHUNKS})) return ran;
    if (Atomics.compareExchange(c, ${NEXT}, cur, cur + 1) !== cur) continue;
    const per = c[${ARGS + 9}], panels = c[${ARGS + 10}];
    const ip0 = idx * per;
    const ip1 = Math.min(panels, ip0 + per);
    tiles(c[${ARGS}], c[${ARGS + 1}], c[${ARGS + 2}], c[${ARGS + 3}], c[${ARGS + 4}], c[${ARGS + 5}], c[${ARGS + 6}], c[${ARGS + 7}], ip0, ip1, c[${ARGS + 8}]);
    ran++;
    if (Atomics.add(c, ${DONE}, 1) + 1 === Atomics.load(c, ${CHUNKS})) Atomics.notify(c, ${DONE});
  }
`;
const claimLoop = new Function("c", "tiles", "seq", CLAIM_LOOP_BODY) as (c: Int32Array, tiles: Tiles, seq: number) => number;

interface Pool {
  control: Int32Array;
  workers: Worker[];
  seq: number;
  /** set (between products) when a worker errored or exited; a throw inside a product sets DEAD */
  dead: boolean;
}

let pool: Pool | null | undefined;
// Set by setGemmThreads; until then up to 4 threads, as many as the machine has (read on first use, not on import).
let threadLimit: number | undefined;

/** Caps the threads (this one included) a large product may use; 1 turns the workers off. */
export function setGemmThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`setGemmThreads: threads must be an integer ≥ 1, got ${threads}`);
  threadLimit = threads;
  if (pool && pool.workers.length + 1 !== threads) shutdownPool(); // the next large product starts the right number
  if (pool === null) pool = undefined; // and a pool that failed or died may be tried again
}

/** The pool's worker threads (none before the first large product), for diagnostics and tests. */
export function gemmWorkers(): readonly Worker[] {
  return pool ? pool.workers : [];
}

/** Threads (this one included) the next large product will use. */
export function gemmThreads(): number {
  threadLimit ??= Math.max(1, Math.min(4, availableParallelism()));
  return threadLimit;
}

function shutdownPool(): void {
  if (!pool) return;
  Atomics.store(pool.control, STOP, 1);
  Atomics.add(pool.control, SEQ, 1);
  Atomics.notify(pool.control, SEQ);
  pool = undefined;
}

function getPool(rt: Runtime): Pool | null {
  if (pool && pool.dead) {
    shutdownPool(); // a worker is gone: this thread works alone from now on
    pool = null;
  }
  if (pool !== undefined) return pool;
  try {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
    control[NEXT] = CLOSED;
    const workers: Worker[] = [];
    const created: Pool = { control, workers, seq: 0, dead: false };
    for (let i = 0; i < gemmThreads() - 1; i++) {
      const w = new Worker(workerSource(), { eval: true, workerData: { module: rt.module, memory: rt.memory, control: control.buffer } });
      w.unref(); // an idle pool must not keep the process alive
      w.on("error", () => {
        created.dead = true;
      });
      w.on("exit", () => {
        if (Atomics.load(control, STOP) === 0) created.dead = true;
      });
      workers.push(w);
    }
    pool = created;
  } catch {
    pool = null;
  }
  return pool;
}

// ---- the product ---------------------------------------------------------------------------------

/**
 * op(A) [m, k] @ op(B) [k, n] → C [m, n] on the wasm kernel (sizes already checked by gemm).
 * threads: share the row panels with the worker pool (worth it only for large products).
 * Returns false when wasm is unavailable or the operands exceed its 1 GiB memory, so the caller can fall back.
 */
export function gemmWasm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean, threads: boolean,
): boolean {
  const rt = getRuntime();
  if (!rt) return false;
  if (m === 0 || n === 0) return true;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return true;
  }
  const panels = Math.ceil(m / TILE);
  const colPanels = Math.ceil(n / TILE);
  const mPad = panels * TILE;
  const nPad = colPanels * TILE;
  // Layout in doubles: A (+ slack the padded rows read), Aᵀ's panels (transA), row-major B (+ slack),
  // B's panels, C padded to whole tiles.
  const aLen = mPad * k + TILE;
  const aPackLen = transA ? panels * k * TILE : 0;
  const bLen = transB ? 0 : k * n + TILE;
  const aOff = 0;
  const aPackOff = aOff + aLen;
  const bOff = aPackOff + aPackLen;
  const packOff = bOff + bLen;
  const cOff = packOff + colPanels * k * TILE;
  const f = reserve(rt, cOff + mPad * nPad);
  if (!f) return false;

  f.set(a.subarray(0, m * k), aOff);
  f.fill(0, aOff + m * k, aOff + aLen); // padded rows read zeros, not stale values
  if (!transB) {
    f.set(b.subarray(0, k * n), bOff);
    f.fill(0, bOff + k * n, bOff + bLen);
    rt.packB(bOff * 8, n * 8, packOff * 8, k, colPanels);
  } else {
    // B is stored [n, k]: panel jp holds op(B)[p, 4jp + c] = B[4jp + c, p]
    for (let jp = 0; jp < colPanels; jp++) {
      const panel = packOff + jp * k * TILE;
      for (let c4 = 0; c4 < TILE; c4++) {
        const j = jp * TILE + c4;
        if (j < n) for (let p = 0, src = j * k; p < k; p++) f[panel + p * TILE + c4] = b[src + p];
        else for (let p = 0; p < k; p++) f[panel + p * TILE + c4] = 0;
      }
    }
  }
  let ap: number, rsA: number, csA: number, panelStride: number; // where op(A)[i, p] lives (bytes)
  if (transA) {
    // A is stored [k, m]: its rows are op(A)'s columns, so packB cuts op(A) into 4-row panels
    rt.packB(aOff * 8, m * 8, aPackOff * 8, k, panels);
    [ap, rsA, csA, panelStride] = [aPackOff * 8, 8, TILE * 8, k * TILE * 8];
  } else {
    [ap, rsA, csA, panelStride] = [aOff * 8, k * 8, 8, TILE * k * 8];
  }
  const bp = packOff * 8, cp = cOff * 8, ldcBytes = nPad * 8;

  const p = threads && gemmThreads() > 1 && panels >= 2 ? getPool(rt) : null;
  if (p && p.workers.length > 0) {
    runShared(p, rt.tiles, [ap, rsA, csA, panelStride, bp, cp, ldcBytes, k, colPanels], panels);
  } else {
    rt.tiles(ap, rsA, csA, panelStride, bp, cp, ldcBytes, k, 0, panels, colPanels);
  }

  if (!accumulate && nPad === n) {
    c.set(f.subarray(cOff, cOff + m * n));
  } else {
    for (let i = 0; i < m; i++) {
      const src = cOff + i * nPad;
      const dst = i * n;
      if (accumulate) for (let j = 0; j < n; j++) c[dst + j] += f[src + j];
      else for (let j = 0; j < n; j++) c[dst + j] = f[src + j];
    }
  }
  return true;
}

/** Opens a job over `panels` row panels, works on it here too, and waits until every chunk is done. */
function runShared(p: Pool, tiles: Tiles, args: number[], panels: number): void {
  const c = p.control;
  const threads = p.workers.length + 1;
  const per = Math.max(1, Math.ceil(panels / (4 * threads)));
  const chunks = Math.ceil(panels / per);
  p.seq = (p.seq + 1) | 0;
  const tag = p.seq & 0x7fff;
  for (let i = 0; i < args.length; i++) c[ARGS + i] = args[i];
  c[ARGS + 9] = per;
  c[ARGS + 10] = panels;
  Atomics.store(c, CHUNKS, chunks);
  Atomics.store(c, DONE, 0);
  Atomics.store(c, NEXT, tag << 16);
  Atomics.store(c, SEQ, p.seq);
  Atomics.notify(c, SEQ);
  claimLoop(c, tiles, p.seq);
  const started = Date.now();
  for (;;) {
    const done = Atomics.load(c, DONE);
    if (done >= chunks) break;
    Atomics.wait(c, DONE, done, 250);
    if (Atomics.load(c, DEAD) !== 0) {
      // A worker died, perhaps holding a chunk: close the job, drop the pool, and redo every tile here
      // (the same tiles give the same values, so chunks already written stay right).
      Atomics.store(c, NEXT, (tag << 16) | CLOSED);
      shutdownPool();
      pool = null;
      tiles(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], 0, panels, args[8]);
      return;
    }
    if (Date.now() - started > 60_000) throw new Error("gemm: a worker thread did not finish its chunk within 60 s");
  }
  Atomics.store(c, NEXT, (tag << 16) | CLOSED); // close before the next job rewrites the arguments
}
