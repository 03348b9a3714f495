// Benchmark: 784→100 (ReLU)→10 softmax on 8,000 MNIST digits with the module's real ops, against numpy
// trained from the same initial weights and batch order. Prints speed, accuracy, memory and agreement.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gemm, GemmPath, setGemmPath } from "../src/core/gemm";
import { gemmThreads, setGemmThreads } from "../src/core/gemm-wasm";
import { NumpyRandom } from "../src/core/random";
import { Matrix } from "../src/core/matrix";
import { loadDigits } from "../src/data/digits";
import { ReLU } from "../src/nn/activations";
import { evaluateAccuracy, fit } from "../src/nn/fit";
import { Linear } from "../src/nn/linear";
import { Sequential } from "../src/nn/sequential";
import { SGD } from "../src/nn/sgd";
import { TwoLayerNet } from "../src/nn/two-layer-net";
import { softmaxCrossEntropy } from "../src/tensor/losses";
import { noGrad, Tensor } from "../src/tensor/tensor";

// seed: the digits' split and the initial weights; shuffleSeed: fit's batch order.
const TASK = { nTrain: 8000, nTest: 2000, inputs: 784, hidden: 100, classes: 10, epochs: 10, batch: 200, lr: 0.5, l2: 1e-4, seed: 0, shuffleSeed: 1 };

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

/** GFLOP/s of one gemm shape over 30 runs: the median, and the best (what an idle machine gives). */
function gflops(path: GemmPath, transA: boolean, m: number, n: number, k: number): { median: number; best: number } {
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
    return { median: (2 * m * n * k) / median(ts) / 1e9, best: (2 * m * n * k) / Math.min(...ts) / 1e9 };
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
  epochCpuSeconds: number[];
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
  if (r.error) throw new Error(`could not start Python: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`numpy run failed (exit ${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as NumpyResult;
}

export async function main(argv: string[]): Promise<number> {
  const opt = parseArgs(argv);
  if (opt.threads !== undefined) setGemmThreads(opt.threads);
  setGemmPath(opt.path);
  const { nTrain, nTest, inputs: D, hidden: H, classes: C, batch, lr, l2 } = TASK;
  const epochs = opt.epochs;

  const digits = loadDigits({ seed: TASK.seed, train: nTrain, validation: 0, test: nTest });
  const data = {
    xTrain: digits.train.x.data,
    yTrain: Int32Array.from(digits.train.y),
    xTest: digits.test.x.data,
    yTest: Int32Array.from(digits.test.y),
  };
  const rng = new NumpyRandom(TASK.seed);
  const fc1 = new Linear(D, H, rng); // PyTorch's default init, drawn from the seeded numpy stream
  const fc2 = new Linear(H, C, rng);
  const model = new Sequential(fc1, new ReLU(), fc2);
  const w0 = [fc1.weight, fc1.bias as Tensor, fc2.weight, fc2.bias as Tensor].map((t) => t.data.slice());
  const shuffle = new NumpyRandom(TASK.shuffleSeed); // fit draws one permutation per epoch from this seed
  const perms = Array.from({ length: epochs }, () => shuffle.permutation(nTrain));

  // Hand numpy the very same start: data, initial weights, batch order.
  const dir = mkdtempSync(join(tmpdir(), "backprop-lab-bench-"));
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ ...TASK, epochs }));
  writeF64(dir, "x_train.f64", data.xTrain);
  writeI32(dir, "y_train.i32", data.yTrain);
  writeF64(dir, "x_test.f64", data.xTest);
  writeI32(dir, "y_test.i32", data.yTest);
  ["w1", "b1", "w2", "b2"].forEach((name, i) => writeF64(dir, `${name}.f64`, w0[i]));
  writeI32(dir, "perms.i32", perms.flat());

  // 1. The module's training loop: fit on Sequential(Linear, ReLU, Linear), autograd, SGD, L2 ½·λ·ΣW².
  let peakRss = process.memoryUsage().rss;
  const epochEnds: number[] = [];
  const epochCpu: number[] = []; // CPU seconds of every thread of this process: what contention cannot inflate
  const cpuSeconds = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const fitStart = now();
  const cpuStart = cpuSeconds();
  const history = fit(model, { x: digits.train.x, y: digits.train.y }, {
    epochs,
    batchSize: batch,
    optimizer: new SGD(model.parameters(), { lr }),
    seed: TASK.shuffleSeed,
    l2,
    callbacks: {
      onEpoch: () => {
        epochEnds.push(now() - fitStart);
        epochCpu.push(cpuSeconds() - cpuStart);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      },
    },
  });
  const epochSeconds = epochEnds.map((t, i) => t - (i === 0 ? 0 : epochEnds[i - 1]));
  const epochCpuSeconds = epochCpu.map((t, i) => t - (i === 0 ? 0 : epochCpu[i - 1]));
  const lastStepLoss = history.loss[history.loss.length - 1];
  const stepsPerEpoch = Math.ceil(nTrain / batch);

  const sumSq = (t: Float64Array) => t.reduce((s, v) => s + v * v, 0);
  const trainLoss = noGrad(() => softmaxCrossEntropy(model.forward(new Tensor(data.xTrain, [nTrain, D])), data.yTrain).item()) +
    0.5 * l2 * (sumSq(fc1.weight.data) + sumSq(fc2.weight.data));
  const testAccuracy = evaluateAccuracy(model, digits.test.x, digits.test.y);

  // One step's forward (model + loss) and backward, timed apart on the trained model (no update).
  const forwardTimes: number[] = [];
  const backwardTimes: number[] = [];
  let forwardCpu = 0;
  let backwardCpu = 0;
  const xb = new Tensor(data.xTrain.subarray(0, batch * D), [batch, D]);
  const yb = data.yTrain.subarray(0, batch);
  for (let r = 0; r < 40; r++) {
    for (const p of model.parameters()) p.grad = null;
    const [tf, cf] = [now(), cpuSeconds()];
    const loss = softmaxCrossEntropy(model.forward(xb), yb);
    const [tb, cb] = [now(), cpuSeconds()];
    loss.backward();
    const [te, ce] = [now(), cpuSeconds()];
    if (r >= 5) {
      forwardTimes.push(tb - tf);
      backwardTimes.push(te - tb);
      forwardCpu += cb - cf;
      backwardCpu += ce - cb;
    }
  }

  // 2. The hand-written CS231n network (forward caches, backward by hand) from the same start and batches.
  const net = TwoLayerNet.fromParams({
    W1: new Matrix(D, H, w0[0].slice()),
    b1: new Matrix(1, H, w0[1].slice()),
    W2: new Matrix(H, C, w0[2].slice()),
    b2: new Matrix(1, C, w0[3].slice()),
  });
  const handSeconds: number[] = [];
  let handLastLoss = NaN;
  const xHand = new Matrix(batch, D);
  const yHand = new Array<number>(batch);
  for (let e = 0; e < epochs; e++) {
    const t0 = now();
    for (let s = 0; s < stepsPerEpoch; s++) {
      for (let r = 0; r < batch; r++) {
        const idx = perms[e][s * batch + r];
        xHand.data.set(data.xTrain.subarray(idx * D, (idx + 1) * D), r * D);
        yHand[r] = data.yTrain[idx];
      }
      const { loss, grads } = net.loss(xHand, yHand, l2);
      net.step(grads, lr);
      handLastLoss = loss;
    }
    handSeconds.push(now() - t0);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const maxRssMB = Math.max(peakRss / 2 ** 20, process.resourceUsage().maxRSS / 1024);

  const ours = median(epochSeconds.slice(1));
  const oursCpu = median(epochCpuSeconds.slice(1));
  const fwd = median(forwardTimes);
  const bwd = median(backwardTimes);
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const lines: string[] = [];
  const out = (s = "") => {
    lines.push(s);
    console.log(s);
  };
  out(`backprop-lab bench: ${D}→${H} (ReLU)→${C} softmax, ${nTrain} MNIST digits (test ${nTest}), batch ${batch}, SGD lr ${lr}, L2 ${l2} on weights, float64, ${epochs} epochs`);
  out(`node ${process.version}, gemm path ${opt.path}, up to ${gemmThreads()} thread(s); load average ${load} (other processes share these cores)`);
  out();
  out(`ours   fit (autograd) s/epoch (median of epochs 2–${epochs}): ${fmt(ours)}   [epochs: ${epochSeconds.map((s) => fmt(s)).join(" ")}]`);
  out(`ours   fit CPU seconds per epoch (all threads, median of epochs 2–${epochs}): ${fmt(oursCpu)}`);
  out(`ours   test accuracy: ${(100 * testAccuracy).toFixed(2)}%   train loss (data + L2): ${trainLoss.toPrecision(17)}   last step loss: ${lastStepLoss.toPrecision(17)}`);
  out(`ours   one step: forward ${fmt(fwd * 1e3, 2)} ms, backward ${fmt(bwd * 1e3, 2)} ms, backward/forward ${fmt(bwd / fwd, 2)} (in CPU seconds ${fmt(backwardCpu / forwardCpu, 2)})`);
  out(`ours   hand-written TwoLayerNet s/epoch: ${fmt(median(handSeconds.slice(1)))}   last step loss: ${handLastLoss.toPrecision(17)}`);
  out(`ours   peak memory (max RSS): ${maxRssMB.toFixed(0)} MB`);
  out();
  out(`gemm GFLOP/s, median of 30 (best)    plain          wasm           threads`);
  for (const [label, tA, m, n, k] of [
    ["(200×784)(784×100)  X @ W1     ", false, 200, 100, 784],
    ["(784×200)(200×100)  Xᵀ @ dH    ", true, 784, 100, 200],
  ] as [string, boolean, number, number, number][]) {
    const g = (["plain", "wasm", "threads"] as GemmPath[]).map((p) => {
      const r = gflops(p, tA, m, n, k);
      return `${r.median.toFixed(2).padStart(6)} (${r.best.toFixed(1)})`.padEnd(14);
    });
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
      let np: NumpyResult;
      try {
        np = runNumpy(python, dir, threads);
      } catch (e) {
        out();
        out(`numpy (${threads} thread${threads === 1 ? "" : "s"}) with ${python}: ${(e as Error).message}`);
        status = 1;
        continue;
      }
      const theirs = median(np.epochSeconds.slice(1));
      out();
      out(`numpy ${np.numpy} (${threads} thread${threads === 1 ? "" : "s"}) s/epoch: ${fmt(theirs)}   ours/numpy: ${fmt(ours / theirs, 2)}×   test accuracy ${(100 * np.testAccuracy).toFixed(2)}%   max RSS ${np.maxRssMB.toFixed(0)} MB`);
      const theirCpu = median(np.epochCpuSeconds.slice(1));
      out(`numpy  CPU seconds per epoch (all threads): ${fmt(theirCpu)}   ours/numpy in CPU seconds: ${fmt(oursCpu / theirCpu, 2)}×`);
      out(`numpy  GFLOP/s: X @ W1 ${np.gflopsForward.toFixed(1)}, Xᵀ @ dH ${np.gflopsBackward.toFixed(1)}`);
      out(`numpy  train loss (data + L2): ${(np.trainLoss + np.l2).toPrecision(17)}   last step loss: ${np.lastBatchLoss.toPrecision(17)}`);
      const diff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
      const w1 = readF64(dir, "w1_final.f64");
      let maxW = 0;
      for (let i = 0; i < w1.length; i++) maxW = Math.max(maxW, Math.abs(w1[i] - fc1.weight.data[i]));
      out(`agreement with fit: train loss rel. diff ${diff(trainLoss, np.trainLoss + np.l2).toExponential(2)}, last step loss rel. diff ${diff(lastStepLoss, np.lastBatchLoss).toExponential(2)}, max |ΔW1| ${maxW.toExponential(2)}; hand-written net's last step loss rel. diff ${diff(handLastLoss, np.lastBatchLoss).toExponential(2)}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return status;
}
