import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installDisplaySink, type DisplayOptions, type MimeBundle } from "../kernel/display";
import { PLOTLY_MIME } from "./bundle";
import type { FigureJSON } from "./figure";
import { liveLossChart, type LiveLossChart } from "./live-loss-chart";
import { resetPlotlyEmbedding } from "./plotly-library";
import { progressBar, progressText } from "./progress-bar";
import type { StepInfo, TrainingCallback } from "./training-types";

const sent: { bundle: MimeBundle; options: DisplayOptions; update: boolean }[] = [];
beforeEach(() => {
  sent.length = 0;
  resetPlotlyEmbedding();
  installDisplaySink({ display: (bundle, options, update) => sent.push({ bundle, options, update }) });
});
afterEach(() => installDisplaySink(undefined));

/** Drives a callback like fit() would: 2 epochs of 50 steps, `msPerStep` apart on a fake clock. */
function train(make: (clock: () => number) => TrainingCallback, msPerStep: number): void {
  let now = 0;
  const cb = make(() => now);
  let step = 0;
  for (let epoch = 1; epoch <= 2; epoch++) {
    for (let i = 1; i <= 50; i++) {
      step += 1;
      now += msPerStep;
      const info: StepInfo = { step, epoch, epochs: 2, stepInEpoch: i, stepsPerEpoch: 50, totalSteps: 100, loss: 2 / step, gradNorms: {}, seconds: now / 1000 };
      cb.onStep?.(info);
    }
    cb.onEpoch?.({ epoch, epochs: 2, loss: 1 / epoch, trainAccuracy: 0.8 + epoch / 100, seconds: now / 1000 });
  }
  cb.onEnd?.({ loss: Array.from({ length: 100 }, (_, i) => 2 / (i + 1)), trainAccuracy: [0.81, 0.82], validationAccuracy: [] });
}

describe("progressBar", () => {
  it("throttles updates to one per interval, in one output, and ends in its final state", () => {
    train((clock) => progressBar({ clock }), 10); // 100 steps × 10 ms = 1 s → about 4 updates + the final one
    expect(sent[0].update).toBe(false);
    expect(sent.slice(1).every((s) => s.update && s.options.displayId === sent[0].options.displayId)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThanOrEqual(8);
    const last = sent[sent.length - 1].bundle;
    expect(last["text/plain"]).toMatch(/^training \[#{30}\] 100%/);
    expect(last["text/plain"]).toContain("epoch 2/2  step 100/100  loss 0.02");
    expect(last["text/plain"]).toContain("100 steps/s");
    expect(last["text/plain"]).toContain("train acc 82%");
    expect(last["text/html"]).toContain('data-state="done"');
    expect(last["text/html"]).toContain('data-step="100"');
  });

  it("formats rate and time left while running", () => {
    const text = progressText({ step: 25, totalSteps: 100, epoch: 1, epochs: 4, loss: 0.5, seconds: 5 }, 10);
    expect(text).toBe("training [###.......] 25%  epoch 1/4  step 25/100  loss 0.5  5 steps/s  0:15 left");
  });
});

describe("liveLossChart", () => {
  it("redraws one Plotly output in place, throttled, and the final chart has every step", () => {
    let chart: LiveLossChart | undefined;
    train((clock) => (chart = liveLossChart({ clock })), 10);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThanOrEqual(8);
    expect(new Set(sent.map((s) => s.options.displayId)).size).toBe(1);
    const final = sent[sent.length - 1].bundle[PLOTLY_MIME] as FigureJSON;
    expect(final.data.map((t) => t.name)).toEqual(["loss per step", "smoothed", "epoch mean"]);
    expect(final.data[0].y).toHaveLength(100);
    expect(final.data[2].y).toEqual([1, 0.5]);
    expect(final.data[2].x).toEqual([50, 100]);
    expect(final.layout.title.text).toBe("Loss during training (done, 100 steps)");
    expect(chart!.figure().data[0].x).toHaveLength(100);
  });

  it("only the first and final versions of the library-carrying output embed plotly.js", () => {
    train((clock) => liveLossChart({ clock }), 10);
    const mark = "plotly.js, embedded once per kernel session";
    const carries = sent.map((s) => (s.bundle["text/html"] as string).includes(mark));
    expect(carries[0]).toBe(true);
    expect(carries[carries.length - 1]).toBe(true);
    expect(carries.slice(1, -1).every((c) => !c)).toBe(true);
  });
});
