// Benchmark: 784→100 (ReLU)→10 softmax on 8,000 MNIST digits with the module's real ops, against numpy
// trained from the same initial weights and batch order. Prints speed, accuracy, memory and agreement.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gemm, GemmPath, setGemmPath } from "../src/core/gemm";
import { gemmThreads, setGemmThreads } from "../src/core/gemm-wasm";
import { NumpyRandom } from "../src/core/random";
import { ReLU } from "../src/nn/activations";
import { Linear } from "../src/nn/linear";
import { Sequential } from "../src/nn/sequential";
import { SGD } from "../src/nn/sgd";
import { softmaxCrossEntropy } from "../src/tensor/losses";
import { noGrad, Tensor } from "../src/tensor/tensor";
import { loadBenchDigits } from "./digits";

const TASK = { nTrain: 8000, nTest: 2000, inputs: 784, hidden: 100, classes: 10, epochs: 10, batch: 200, lr: 0.5, l2: 1e-4, seed: 0 };

interface Options {
  epochs: number;
  numpy: boolean;
  python?: string;
  numpyThreads: number[];
  path: GemmPath;
  threads?: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { epochs: TASK.epochs, numpy: true, numpyThreads: [2, 1], path: "auto" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench: ${a} needs a value`);
      return v;
    };
    if (a === "--epochs") o.epochs = Number(value());
    else if (a === "--no-numpy") o.numpy = false;
    else if (a === "--python") o.python = value();
    else if (a === "--numpy-threads") o.numpyThreads = value().split(",").map(Number);
    else if (a === "--path") o.path = value() as GemmPath;
    else if (a === "--threads") o.threads = Number(value());
    else throw new Error(`bench: unknown option ${a} (options: --epochs N, --no-numpy, --python PATH, --numpy-threads 2,1, --path auto|plain|wasm|threads, --threads N)`);
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 2) throw new Error(`bench: --epochs must be an integer ≥ 2, got ${o.epochs}`);
  return o;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const now = (): number => performance.now() / 1e3;
const fmt = (x: number, d = 3) => x.toFixed(d);

/** Median GFLOP/s of one gemm shape over 30 runs. */
function gflops(path: GemmPath, transA: boolean, m: number, n: number, k: number): number {
  const rng = new NumpyRandom(1);
  const a = rng.rand(m * k), b = rng.rand(k * n), c = new Float64Array(m * n);
  setGemmPath(path);
  try {
    for (let i = 0; i < 5; i++) gemm(transA, false, m, n, k, a, b, c, false);
    const ts: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = now();
      gemm(transA, false, m, n, k, a, b, c, false);
      ts.push(now() - t);
    }
    return (2 * m * n * k) / median(ts) / 1e9;
  } finally {
    setGemmPath("auto");
  }
}

function writeF64(dir: string, name: string, data: Float64Array): void {
  writeFileSync(join(dir, name), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}
function writeI32(dir: string, name: string, data: ArrayLike<number>): void {
  writeFileSync(join(dir, name), new Uint8Array(Int32Array.from(data).buffer));
}
function readF64(dir: string, name: string): Float64Array {
  const b = readFileSync(join(dir, name));
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function findPython(explicit?: string): string | null {
  if (explicit) return explicit;
  for (const p of [resolve(__dirname, "../.venv/bin/python"), "/tmp/venv-bench/bin/python"]) if (existsSync(p)) return p;
  return null;
}

interface NumpyResult {
  numpy: string;
  threads: string;
  epochSeconds: number[];
  lastBatchLoss: number;
  trainLoss: number;
  l2: number;
  testAccuracy: number;
  gflopsForward: number;
  gflopsBackward: number;
  maxRssMB: number;
}

function runNumpy(python: string, dir: string, threads: number): NumpyResult {
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const r = spawnSync(python, [join(__dirname, "numpy_two_layer.py"), dir], { env, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench: numpy run failed (exit ${r.status}): ${r.stderr || r.error}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as NumpyResult;
}

export async function main(argv: string[]): Promise<number> {
  const opt = parseArgs(argv);
  if (opt.threads !== undefined) setGemmThreads(opt.threads);
  setGemmPath(opt.path);
  const { nTrain, nTest, inputs: D, hidden: H, classes: C, batch, lr, l2 } = TASK;
  const epochs = opt.epochs;

  const data = loadBenchDigits(nTrain, nTest, TASK.seed);
  const rng = new NumpyRandom(TASK.seed);
  const fc1 = new Linear(D, H, rng); // PyTorch's default init, drawn from the seeded numpy stream
  const fc2 = new Linear(H, C, rng);
  const model = new Sequential(fc1, new ReLU(), fc2);
  const perms = Array.from({ length: epochs }, () => rng.permutation(nTrain));

  // Hand numpy the very same start: data, initial weights, batch order.
  const dir = mkdtempSync(join(tmpdir(), "backprop-lab-bench-"));
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ ...TASK, epochs }));
  writeF64(dir, "x_train.f64", data.xTrain);
  writeI32(dir, "y_train.i32", data.yTrain);
  writeF64(dir, "x_test.f64", data.xTest);
  writeI32(dir, "y_test.i32", data.yTest);
  writeF64(dir, "w1.f64", fc1.weight.data);
  writeF64(dir, "b1.f64", (fc1.bias as Tensor).data);
  writeF64(dir, "w2.f64", fc2.weight.data);
  writeF64(dir, "b2.f64", (fc2.bias as Tensor).data);
  writeI32(dir, "perms.i32", perms.flat());

  // L2 on the weights only (loss + ½·λ·ΣW², so the gradient gains λ·W): weight decay on W, none on b.
  const decayed = model.namedParameters().filter((p) => p.decay).map((p) => p.tensor);
  const plain = model.namedParameters().filter((p) => !p.decay).map((p) => p.tensor);
  const optimizers = [new SGD(decayed, { lr, weightDecay: l2 }), new SGD(plain, { lr })];

  const xb = new Float64Array(batch * D);
  const yb = new Int32Array(batch);
  const stepsPerEpoch = Math.floor(nTrain / batch);
  const epochSeconds: number[] = [];
  const forwardTimes: number[] = [];
  const backwardTimes: number[] = [];
  let lastBatchLoss = NaN;
  let peakRss = process.memoryUsage().rss;
  for (let e = 0; e < epochs; e++) {
    const t0 = now();
    for (let s = 0; s < stepsPerEpoch; s++) {
      for (let r = 0; r < batch; r++) {
        const idx = perms[e][s * batch + r];
        xb.set(data.xTrain.subarray(idx * D, (idx + 1) * D), r * D);
        yb[r] = data.yTrain[idx];
      }
      const tf = now();
      const logits = model.forward(new Tensor(xb, [batch, D]));
      const loss = softmaxCrossEntropy(logits, yb);
      const tb = now();
      for (const o of optimizers) o.zeroGrad();
      loss.backward();
      const tu = now();
      for (const o of optimizers) o.step();
      forwardTimes.push(tb - tf);
      backwardTimes.push(tu - tb);
      lastBatchLoss = loss.item();
    }
    epochSeconds.push(now() - t0);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }

  const evalLoss = (x: Float64Array, y: Int32Array) =>
    noGrad(() => {
      const logits = model.forward(new Tensor(x, [y.length, D]));
      const pred = Array.from({ length: y.length }, (_, i) => {
        const row = logits.data.subarray(i * C, (i + 1) * C);
        return row.indexOf(Math.max(...row));
      });
      return { loss: softmaxCrossEntropy(logits, y).item(), acc: pred.filter((p, i) => p === y[i]).length / y.length };
    });
  const train = evalLoss(data.xTrain, data.yTrain);
  const test = evalLoss(data.xTest, data.yTest);
  const sumSq = (t: Tensor) => t.data.reduce((s, v) => s + v * v, 0);
  const l2Term = 0.5 * l2 * (sumSq(fc1.weight) + sumSq(fc2.weight));
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const maxRssMB = Math.max(peakRss / 2 ** 20, process.resourceUsage().maxRSS / 1024);

  const ours = median(epochSeconds.slice(1));
  const steady = (xs: number[]) => median(xs.slice(stepsPerEpoch));
  const lines: string[] = [];
  const out = (s = "") => {
    lines.push(s);
    console.log(s);
  };
  out(`backprop-lab bench: ${D}→${H} (ReLU)→${C} softmax, ${nTrain} MNIST digits (test ${nTest}), batch ${batch}, SGD lr ${lr}, L2 ${l2} on weights, float64, ${epochs} epochs`);
  out(`node ${process.version}, gemm path ${opt.path}, up to ${gemmThreads()} thread(s)`);
  out();
  out(`ours   s/epoch (median of epochs 2–${epochs}): ${fmt(ours)}   [epochs: ${epochSeconds.map((s) => fmt(s)).join(" ")}]`);
  out(`ours   test accuracy: ${(100 * test.acc).toFixed(2)}%   train loss (data + L2): ${(train.loss + l2Term).toPrecision(17)}   last batch loss: ${lastBatchLoss.toPrecision(17)}`);
  out(`ours   peak memory (max RSS): ${maxRssMB.toFixed(0)} MB`);
  out(`ours   one step: forward ${fmt(steady(forwardTimes) * 1e3, 2)} ms, backward ${fmt(steady(backwardTimes) * 1e3, 2)} ms, backward/forward ${fmt(steady(backwardTimes) / steady(forwardTimes), 2)}`);
  out();
  out(`gemm GFLOP/s (median of 30)          plain    wasm  threads`);
  for (const [label, tA, m, n, k] of [
    ["(200×784)(784×100)  X @ W1     ", false, 200, 100, 784],
    ["(784×200)(200×100)  Xᵀ @ dH    ", true, 784, 100, 200],
  ] as [string, boolean, number, number, number][]) {
    const g = (["plain", "wasm", "threads"] as GemmPath[]).map((p) => gflops(p, tA, m, n, k).toFixed(2).padStart(7));
    out(`${label}  ${g.join(" ")}`);
  }
  setGemmPath(opt.path);

  let status = 0;
  const python = opt.numpy ? findPython(opt.python) : null;
  if (opt.numpy && !python) {
    out();
    out("numpy: no Python with numpy found (.venv/bin/python or /tmp/venv-bench/bin/python; pass --python PATH)");
    status = 1;
  }
  if (python) {
    for (const threads of opt.numpyThreads) {
      const np = runNumpy(python, dir, threads);
      const theirs = median(np.epochSeconds.slice(1));
      out();
      out(`numpy ${np.numpy} (${threads} thread${threads === 1 ? "" : "s"}) s/epoch: ${fmt(theirs)}   ours/numpy: ${fmt(ours / theirs, 2)}×   test accuracy ${(100 * np.testAccuracy).toFixed(2)}%   max RSS ${np.maxRssMB.toFixed(0)} MB`);
      out(`numpy  GFLOP/s: X @ W1 ${np.gflopsForward.toFixed(1)}, Xᵀ @ dH ${np.gflopsBackward.toFixed(1)}`);
      out(`numpy  train loss (data + L2): ${(np.trainLoss + np.l2).toPrecision(17)}   last batch loss: ${np.lastBatchLoss.toPrecision(17)}`);
      const diff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
      const w1 = readF64(dir, "w1_final.f64");
      let maxW = 0;
      for (let i = 0; i < w1.length; i++) maxW = Math.max(maxW, Math.abs(w1[i] - fc1.weight.data[i]));
      out(`agreement: train loss rel. diff ${diff(train.loss + l2Term, np.trainLoss + np.l2).toExponential(2)}, last batch loss rel. diff ${diff(lastBatchLoss, np.lastBatchLoss).toExponential(2)}, max |ΔW1| ${maxW.toExponential(2)}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return status;
}
