/** fit: the training loop — shuffled minibatches, loss per step, accuracy per epoch, gradient norms, callbacks, NaN guard. */
import { MatrixLike } from "../core/matrix";
import { NumpyRandom } from "../core/random";
import { addScaled } from "../core/elementwise";
import { argmaxAxis, sumSquares } from "../core/reduce";
import { expectMatrix, formatShape, ShapeError } from "../core/shape";
import { checkLabels, Labels, mse, softmaxCrossEntropy } from "../tensor/losses";
import { noGrad, Tensor } from "../tensor/tensor";
import { Module, NamedParameter } from "./module";
import { clipGradNorm, Optimizer } from "./sgd";
import { Schedule } from "./schedule";

export interface StepInfo {
  step: number; // 1-based, counted over all epochs
  epoch: number; // 1-based
  epochs: number;
  stepInEpoch: number; // 1-based
  stepsPerEpoch: number;
  totalSteps: number;
  loss: number;
  gradNorms: { [layer: string]: number };
  seconds: number; // since fit started
}

export interface EpochInfo {
  epoch: number;
  epochs: number;
  loss: number; // mean of the epoch's step losses
  trainAccuracy: number;
  validationAccuracy?: number;
  seconds: number;
}

export interface TrainingHistory {
  loss: number[]; // per step
  trainAccuracy: number[]; // per epoch
  validationAccuracy: number[]; // per epoch (empty without validation data)
  gradNorms: { [layer: string]: number[] }; // per step, keyed like "Linear 1 (W)"
  stoppedEarly?: string; // why training stopped before the last epoch
}

export interface TrainingCallback {
  onStep?(info: StepInfo): void;
  onEpoch?(info: EpochInfo): void;
  onEnd?(history: TrainingHistory): void;
}

/** Targets: integer class labels for "crossEntropy", a [rows, outputs] matrix for "mse". */
export type Targets = Labels | MatrixLike;

export interface FitData {
  x: MatrixLike; // [examples, features]
  y: Targets;
  validation?: { x: MatrixLike; y: Targets };
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  optimizer: Optimizer;
  /** "crossEntropy" (softmax cross-entropy on integer labels, the default) or "mse" */
  loss?: "crossEntropy" | "mse";
  /** seeds NumpyRandom, whose permutation(n) shuffles the examples every epoch */
  seed: number;
  callbacks?: TrainingCallback | TrainingCallback[];
  /** sets optimizer.lr before every step */
  schedule?: Schedule;
  /** adds ½·l2·ΣW² over the weights (not biases) to the loss, so l2·W to their gradients (CS231n's convention) */
  l2?: number;
  /** shuffle every epoch (default true); false keeps the data order */
  shuffle?: boolean;
  /** rescale all gradients together to at most this L2 norm before each update (gradNorms record them before) */
  maxGradNorm?: number;
}

/** Runs of fit so far in this process, so an exercise that asks for a hand-written loop can tell one that hands the work to fit. */
let fitRuns = 0;

export function fitRunCount(): number {
  return fitRuns;
}

/**
 * Trains `model` on minibatches and returns the history. Stops at the first non-finite loss or gradient,
 * before any parameter is changed by it, and says at which step and where (history.stoppedEarly, and a warning).
 * Train accuracy is the running accuracy of the epoch's minibatches (as Keras reports it); validation accuracy is
 * measured after each epoch in eval mode.
 */
export function fit(model: Module, data: FitData, options: FitOptions): TrainingHistory {
  fitRuns++;
  const { epochs, batchSize, optimizer, seed, schedule, l2 = 0, shuffle = true, maxGradNorm: maxNorm } = options;
  const lossKind = options.loss ?? "crossEntropy";
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`fit: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`fit: batchSize must be a positive integer, got ${batchSize}`);
  if (!(l2 >= 0)) throw new RangeError(`fit: l2 must be >= 0, got ${l2}`);
  if (maxNorm !== undefined && !(maxNorm > 0)) throw new RangeError(`fit: maxGradNorm must be > 0, got ${maxNorm}`);
  const [n, features] = expectMatrix("fit", "x", data.x.shape);
  if (n === 0) throw new ShapeError(`fit: x must have at least one example (row), got x ${formatShape(data.x.shape)}`);
  checkTargets("fit", "y", lossKind, data.y, n);
  if (data.validation !== undefined) {
    const [vn, vf] = expectMatrix("fit", "validation.x", data.validation.x.shape);
    if (vf !== features) throw new ShapeError(`fit: validation.x must have ${features} features like x, got validation.x ${formatShape(data.validation.x.shape)}`);
    checkTargets("fit", "validation.y", lossKind, data.validation.y, vn);
  }
  const callbacks = options.callbacks === undefined ? [] : Array.isArray(options.callbacks) ? options.callbacks : [options.callbacks];
  const named = model.namedParameters();
  const params = named.map((p) => p.tensor); // once: model.parameters() would rebuild every name each step
  const rng = new NumpyRandom(seed);
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  const history: TrainingHistory = { loss: [], trainAccuracy: [], validationAccuracy: [], gradNorms: {} };
  for (const p of named) history.gradNorms[p.name] = [];
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  const batch = new BatchMaker(data.x, data.y, lossKind);
  let step = 0;
  model.train();

  training: for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = shuffle ? rng.permutation(n) : Array.from({ length: n }, (_, i) => i);
    let lossSum = 0;
    let correct = 0;
    for (let b = 0; b < stepsPerEpoch; b++) {
      step++;
      const rows = order.slice(b * batchSize, Math.min(n, (b + 1) * batchSize));
      const { x, y } = batch.take(rows);
      for (const p of named) p.tensor.grad = null; // backward adopts fresh gradients instead of adding to zeros

      const scores = model.forward(x);
      const where = `at step ${step} (epoch ${epoch}, batch ${b + 1} of ${stepsPerEpoch})`;
      if (!allFinite(scores.data)) {
        history.stoppedEarly = `fit: the model's output became non-finite ${where}; ${locateForward(model, x, named)}`;
        break training;
      }
      const lossTensor = lossKind === "mse" ? mse(scores, y as Tensor) : softmaxCrossEntropy(scores, y as Labels);
      let loss = lossTensor.data[0];
      if (l2 > 0) for (const p of named) if (p.decay) loss += 0.5 * l2 * sumSquares(p.tensor.data);
      if (!Number.isFinite(loss)) {
        history.stoppedEarly = `fit: loss became ${loss} ${where}; ${locateForward(model, x, named)}`;
        break training;
      }
      lossTensor.backward();
      const norms: { [layer: string]: number } = {};
      for (const p of named) {
        const g = p.tensor.grad;
        if (g !== null && l2 > 0 && p.decay) addScaled(g, p.tensor.data, l2); // d(½·l2·ΣW²) = l2·W
        norms[p.name] = g === null ? 0 : Math.sqrt(sumSquares(g));
      }
      const bad = [...named].reverse().find((p) => !Number.isFinite(norms[p.name])); // backward meets the last layer first
      if (bad !== undefined) {
        history.stoppedEarly = `fit: the gradient became non-finite ${where}, first in ${bad.name} (loss was ${loss}); lower the learning rate or clip gradients`;
        break training;
      }
      if (maxNorm !== undefined) clipGradNorm(params, maxNorm);
      if (schedule !== undefined) optimizer.lr = schedule(step, totalSteps);
      optimizer.step();

      lossSum += loss;
      correct += countCorrect(scores, y, lossKind);
      history.loss.push(loss);
      for (const p of named) history.gradNorms[p.name].push(norms[p.name]);
      const info: StepInfo = { step, epoch, epochs, stepInEpoch: b + 1, stepsPerEpoch, totalSteps, loss, gradNorms: norms, seconds: seconds() };
      for (const c of callbacks) c.onStep?.(info);
    }
    const trainAccuracy = correct / n;
    history.trainAccuracy.push(trainAccuracy);
    const info: EpochInfo = { epoch, epochs, loss: lossSum / stepsPerEpoch, trainAccuracy, seconds: 0 };
    if (data.validation !== undefined) {
      const validationAccuracy = evaluateAccuracy(model, data.validation.x, data.validation.y, lossKind);
      history.validationAccuracy.push(validationAccuracy);
      info.validationAccuracy = validationAccuracy;
    }
    info.seconds = seconds();
    for (const c of callbacks) c.onEpoch?.(info);
  }
  model.train();
  if (history.stoppedEarly !== undefined) console.warn(history.stoppedEarly);
  for (const c of callbacks) c.onEnd?.(history);
  return history;
}

/**
 * Share of rows predicted right, in eval mode without recording a graph: argmax of the scores against integer labels
 * ("crossEntropy"), or for "mse" argmax against the target's argmax (one output column: within 0.5 of the target).
 */
export function evaluateAccuracy(model: Module, x: MatrixLike, y: Targets, loss: "crossEntropy" | "mse" = "crossEntropy"): number {
  const [rows, cols] = expectMatrix("evaluateAccuracy", "x", x.shape);
  if (rows === 0) throw new ShapeError(`evaluateAccuracy: x must have at least one row, got x ${formatShape(x.shape)}`);
  const wasTraining = model.training;
  model.eval();
  try {
    const scores = noGrad(() => model.forward(new Tensor(x.data, [rows, cols])));
    const targets = loss === "mse" ? new Tensor((y as MatrixLike).data, (y as MatrixLike).shape) : y;
    return countCorrect(scores, targets, loss) / rows;
  } finally {
    model.train(wasTraining);
  }
}

/** The predicted class (argmax of the scores) of every row of x [n, features], in eval mode without recording a graph. */
export function predict(model: Module, x: MatrixLike): number[] {
  const [rows, cols] = expectMatrix("predict", "x", x.shape);
  const wasTraining = model.training;
  model.eval();
  try {
    const scores = noGrad(() => model.forward(new Tensor(x.data, [rows, cols])));
    return argmaxAxis(scores.data, scores.shape[0], scores.shape[1], 1);
  } finally {
    model.train(wasTraining);
  }
}

/** Gathers shuffled rows into buffers that are reused from step to step (a step's graph is gone before the next). */
class BatchMaker {
  private readonly xData: Float64Array;
  private readonly features: number;
  private readonly yData: Float64Array | null; // mse targets
  private readonly yCols: number;
  private readonly labels: Labels | null;
  private buffers = new Map<number, { x: Float64Array; y: Float64Array; labels: Int32Array }>();

  constructor(x: MatrixLike, y: Targets, loss: "crossEntropy" | "mse") {
    this.xData = x.data;
    this.features = x.shape[1];
    if (loss === "mse") {
      const t = y as MatrixLike;
      this.yData = t.data;
      this.yCols = t.shape[1];
      this.labels = null;
    } else {
      this.yData = null;
      this.yCols = 1;
      this.labels = y as Labels;
    }
  }

  take(rows: readonly number[]): { x: Tensor; y: Tensor | Labels } {
    const m = rows.length;
    let buf = this.buffers.get(m);
    if (buf === undefined) {
      buf = { x: new Float64Array(m * this.features), y: new Float64Array(m * this.yCols), labels: new Int32Array(m) };
      this.buffers.set(m, buf);
    }
    const f = this.features;
    for (let i = 0; i < m; i++) {
      const r = rows[i];
      buf.x.set(this.xData.subarray(r * f, (r + 1) * f), i * f);
      if (this.labels !== null) buf.labels[i] = this.labels[r];
      else buf.y.set(this.yData!.subarray(r * this.yCols, (r + 1) * this.yCols), i * this.yCols);
    }
    const x = new Tensor(buf.x, [m, f]);
    return { x, y: this.labels !== null ? buf.labels : new Tensor(buf.y, [m, this.yCols]) };
  }
}

function checkTargets(op: string, arg: string, loss: "crossEntropy" | "mse", y: Targets, rows: number): void {
  if (loss === "mse") {
    const t = y as MatrixLike;
    if (t.shape === undefined || !(t.data instanceof Float64Array)) throw new TypeError(`${op}: ${arg} must be a matrix of targets for loss "mse", got labels`);
    const [r] = expectMatrix(op, arg, t.shape);
    if (r !== rows) throw new ShapeError(`${op}: ${arg} must have one row per example (${rows}), got ${arg} ${formatShape(t.shape)}`);
    return;
  }
  const labels = y as Labels;
  if (labels.length !== rows) throw new ShapeError(`${op}: ${arg} must have one label per row of x (${rows}), got ${labels.length}`);
  checkLabels(`${op} ${arg}`, labels, rows, Infinity); // whole and >= 0 here; the loss checks them against the class count
}

function countCorrect(scores: Tensor, y: Tensor | Labels | Targets, loss: "crossEntropy" | "mse"): number {
  const [rows, cols] = scores.shape;
  const predicted = argmaxAxis(scores.data, rows, cols, 1);
  let correct = 0;
  if (loss === "crossEntropy") {
    const labels = y as Labels;
    for (let i = 0; i < rows; i++) if (predicted[i] === labels[i]) correct++;
    return correct;
  }
  const t = y as MatrixLike;
  if (cols === 1) {
    for (let i = 0; i < rows; i++) if (Math.abs(scores.data[i] - t.data[i]) < 0.5) correct++;
    return correct;
  }
  const wanted = argmaxAxis(t.data, rows, cols, 1);
  for (let i = 0; i < rows; i++) if (predicted[i] === wanted[i]) correct++;
  return correct;
}

/** Names where non-finite values first appear: a parameter, or the output of a layer of a Sequential. */
function locateForward(model: Module, x: Tensor, named: NamedParameter[]): string {
  const badParam = named.find((p) => !allFinite(p.tensor.data));
  if (badParam !== undefined) return `${badParam.name} holds non-finite values; lower the learning rate or clip gradients`;
  const layers = "layers" in model ? (model as unknown as { layers: Module[] }).layers : [model];
  const counts = new Map<string, number>();
  let h = x;
  for (const layer of layers) {
    const k = (counts.get(layer.kind) ?? 0) + 1;
    counts.set(layer.kind, k);
    try {
      h = noGrad(() => layer.forward(h));
    } catch (e) {
      return `${layer.kind} ${k} threw: ${(e as Error).message}`;
    }
    if (!allFinite(h.data)) return `the first non-finite values appear in the output of ${layer.kind} ${k}; lower the learning rate or scale the inputs`;
  }
  return "every layer's output is finite, so the loss itself overflowed";
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}
