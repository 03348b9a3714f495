/** SGD with momentum, weight decay and optional Nesterov, following torch.optim.SGD step for step. */
import { Tensor } from "../tensor/tensor";

export interface SGDOptions {
  lr: number;
  /** velocity kept between steps (0: plain SGD) */
  momentum?: number;
  /** adds weightDecay · p to every gradient (L2 on all the parameters given) */
  weightDecay?: number;
  /** dampening of the gradient added to the velocity */
  dampening?: number;
  /** look ahead along the velocity */
  nesterov?: boolean;
}

/** The interface fit needs: a learning rate it may change (schedules) and a step. */
export interface Optimizer {
  lr: number;
  step(): void;
  zeroGrad(): void;
}

export class SGD implements Optimizer {
  lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  private readonly velocity: (Float64Array | null)[];

  constructor(readonly params: readonly Tensor[], options: SGDOptions) {
    const { lr, momentum = 0, weightDecay = 0, dampening = 0, nesterov = false } = options;
    if (!(lr >= 0) || !Number.isFinite(lr)) throw new RangeError(`SGD: lr must be a finite number >= 0, got ${lr}`);
    if (!(momentum >= 0)) throw new RangeError(`SGD: momentum must be >= 0, got ${momentum}`);
    if (!(weightDecay >= 0)) throw new RangeError(`SGD: weightDecay must be >= 0, got ${weightDecay}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new RangeError(`SGD: nesterov needs momentum > 0 and dampening 0, got momentum ${momentum} and dampening ${dampening}`);
    }
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`SGD: params must be Tensors, got ${typeof p} at position ${i}`);
    });
    this.lr = lr;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.velocity = params.map(() => null);
  }

  /** p ← p − lr · g, where g is the gradient (+ weightDecay · p), through the velocity when momentum > 0. */
  step(): void {
    const { lr, momentum: mu, weightDecay: wd, dampening } = this;
    this.params.forEach((p, k) => {
      const grad = p.grad;
      if (grad === null) return; // no gradient reached this parameter: leave it, as PyTorch does
      const w = p.data;
      if (mu === 0) {
        for (let i = 0; i < w.length; i++) w[i] -= lr * (grad[i] + wd * w[i]);
        return;
      }
      let v = this.velocity[k];
      const first = v === null;
      if (v === null) v = this.velocity[k] = new Float64Array(w.length);
      for (let i = 0; i < w.length; i++) {
        const g = grad[i] + wd * w[i];
        v[i] = first ? g : mu * v[i] + (1 - dampening) * g; // the first step starts the velocity at g
        w[i] -= lr * (this.nesterov ? g + mu * v[i] : v[i]);
      }
    });
  }

  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }
}

/**
 * Rescales all gradients together so their joint L2 norm is at most maxNorm (torch.nn.utils.clip_grad_norm_).
 * Returns the total norm before clipping. A non-finite norm throws instead of spreading NaN.
 */
export function clipGradNorm(params: readonly Tensor[], maxNorm: number): number {
  if (!(maxNorm > 0)) throw new RangeError(`clipGradNorm: maxNorm must be > 0, got ${maxNorm}`);
  let sq = 0;
  for (const p of params) if (p.grad !== null) for (let i = 0; i < p.grad.length; i++) sq += p.grad[i] * p.grad[i];
  const total = Math.sqrt(sq);
  if (!Number.isFinite(total)) {
    const bad = params.findIndex((p) => p.grad !== null && p.grad.some((g) => !Number.isFinite(g)));
    throw new RangeError(`clipGradNorm: gradients must be finite, got a non-finite value in parameter ${bad}${params[bad]?.label ? ` (${params[bad].label})` : ""}`);
  }
  const scale = maxNorm / (total + 1e-6); // PyTorch's epsilon
  if (scale < 1) for (const p of params) if (p.grad !== null) for (let i = 0; i < p.grad.length; i++) p.grad[i] *= scale;
  return total;
}
