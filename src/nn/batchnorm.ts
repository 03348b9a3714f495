/** BatchNorm1d (Ioffe & Szegedy 2015): normalize each feature over the batch, then scale by γ and shift by β. */
import { formatShape, ShapeError } from "../core/shape";
import { add, div, mul, sub } from "../tensor/arithmetic";
import { sqrt } from "../tensor/activations";
import { mean } from "../tensor/reduce";
import { Tensor } from "../tensor/tensor";
import { Module, ParameterEntry } from "./module";

export interface BatchNormOptions {
  /** added to the variance before the square root (PyTorch: 1e-5) */
  eps?: number;
  /** weight of the newest batch in the running statistics (PyTorch: 0.1) */
  momentum?: number;
}

/**
 * x [batch, features] → γ ⊙ (x − μ) / √(σ² + eps) + β.
 * Training: μ, σ² of this batch (biased σ²), and the running statistics move toward them (unbiased σ², as PyTorch).
 * Evaluation: the running statistics.
 */
export class BatchNorm1d extends Module {
  readonly gamma: Tensor; // γ [1, features], starts at 1
  readonly beta: Tensor; // β [1, features], starts at 0
  readonly runningMean: Float64Array; // [features]
  readonly runningVar: Float64Array; // [features]
  readonly eps: number;
  readonly momentum: number;

  constructor(readonly features: number, options: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(features) || features < 1) throw new RangeError(`BatchNorm1d: features must be a positive integer, got ${features}`);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    this.gamma = Tensor.ones(1, features, { requiresGrad: true, label: "γ" });
    this.beta = Tensor.zeros(1, features, { requiresGrad: true, label: "β" });
    this.runningMean = new Float64Array(features);
    this.runningVar = new Float64Array(features).fill(1);
  }

  forward(x: Tensor): Tensor {
    const [n, f] = x.shape;
    if (f !== this.features) throw new ShapeError(`BatchNorm1d: x must have ${this.features} features, got x ${formatShape(x.shape)}`);
    if (!this.training) {
      const mu = new Tensor(this.runningMean.slice(), [1, f]);
      const sd = new Tensor(this.runningVar.map((v) => Math.sqrt(v + this.eps)), [1, f]);
      return add(mul(div(sub(x, mu), sd), this.gamma), this.beta);
    }
    if (n < 2) throw new ShapeError(`BatchNorm1d: training needs at least 2 rows per batch to estimate a variance, got x ${formatShape(x.shape)}`);
    const mu = mean(x, 0); // [1, f]
    const centered = sub(x, mu); // [n, f]
    const variance = mean(mul(centered, centered), 0); // [1, f], biased
    const xHat = div(centered, sqrt(add(variance, this.eps))); // [n, f]
    const m = this.momentum;
    for (let j = 0; j < f; j++) {
      this.runningMean[j] = (1 - m) * this.runningMean[j] + m * mu.data[j];
      this.runningVar[j] = (1 - m) * this.runningVar[j] + m * variance.data[j] * (n / (n - 1));
    }
    return add(mul(xHat, this.gamma), this.beta);
  }

  ownParameters(): ParameterEntry[] {
    return [
      { short: "γ", tensor: this.gamma, decay: false },
      { short: "β", tensor: this.beta, decay: false },
    ];
  }
}
