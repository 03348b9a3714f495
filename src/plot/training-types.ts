// The shapes fit() reports while training (the nn helper's contract), declared structurally so the
// plot module stays free of nn imports.

export interface StepInfo {
  step: number;
  epoch: number;
  epochs: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  totalSteps: number;
  loss: number;
  gradNorms?: { [layer: string]: number };
  /** Seconds since training started. */
  seconds: number;
}

export interface EpochInfo {
  epoch: number;
  epochs: number;
  loss: number;
  trainAccuracy?: number;
  validationAccuracy?: number;
  seconds: number;
}

export interface TrainingHistoryLike {
  loss: readonly number[];
  trainAccuracy?: readonly number[];
  validationAccuracy?: readonly number[];
  stoppedEarly?: string;
}

export interface TrainingCallback {
  onStep?(s: StepInfo): void;
  onEpoch?(e: EpochInfo): void;
  onEnd?(h: TrainingHistoryLike): void;
}
