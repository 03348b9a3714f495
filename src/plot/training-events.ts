// What the live training displays read from a training loop: plain numbers, shaped so fit()'s callbacks accept them.

/** After each mini-batch update. */
export interface StepEvent {
  step: number; // 1-based, counted over all epochs
  totalSteps: number;
  epoch: number; // 1-based
  epochs: number;
  loss: number;
  seconds: number; // since training started
}

/** After each epoch. */
export interface EpochEvent {
  epoch: number;
  epochs: number;
  loss: number; // mean of the epoch's step losses
  trainAccuracy?: number;
  validationAccuracy?: number;
  seconds: number;
}

/** When training ends: the loss per step and, if it stopped before the last epoch, why. */
export interface TrainingEnd {
  loss: number[];
  stoppedEarly?: string;
}

/** A listener a training loop calls; nn's fit() takes one as a callback. */
export interface TrainingListener {
  onStep(step: StepEvent): void;
  onEpoch(epoch: EpochEvent): void;
  onEnd(end: TrainingEnd): void;
}
