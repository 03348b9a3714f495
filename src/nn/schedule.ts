/** Learning-rate schedules: functions from the 1-based step to the learning rate that fit sets before each update. */

/** (step, totalSteps) → learning rate; step counts from 1. */
export type Schedule = (step: number, totalSteps: number) => number;

export interface CosineOptions {
  /** the peak learning rate */
  lr: number;
  /** the floor it decays to (default 0) */
  minLr?: number;
  /** steps of linear warm-up from lr/warmupSteps to lr (default 0) */
  warmupSteps?: number;
}

/**
 * Cosine decay (Loshchilov & Hutter 2017), as PyTorch's CosineAnnealingLR with T_max = the steps after warm-up:
 * lr at step s = minLr + ½ (lr − minLr) (1 + cos(π (s − 1 − warmup) / (total − warmup))).
 */
export function cosineSchedule(options: CosineOptions): Schedule {
  const { lr, minLr = 0, warmupSteps = 0 } = options;
  if (!(lr >= 0) || !(minLr >= 0) || minLr > lr) throw new RangeError(`cosineSchedule: need 0 <= minLr <= lr, got lr ${lr} and minLr ${minLr}`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) throw new RangeError(`cosineSchedule: warmupSteps must be a whole number >= 0, got ${warmupSteps}`);
  return (step, totalSteps) => {
    if (step <= warmupSteps) return (lr * step) / warmupSteps;
    const span = Math.max(1, totalSteps - warmupSteps);
    const t = Math.min(1, (step - 1 - warmupSteps) / span);
    return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t));
  };
}

/** A constant learning rate, for comparison. */
export function constantSchedule(lr: number): Schedule {
  return () => lr;
}
