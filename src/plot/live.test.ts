// Live training output: progress bar, live loss chart updated in place, the SVG line chart behind it.
import { describe, expect, it } from "vitest";
import { captureDisplays } from "../../test/helpers/display-capture";
import { PLOTLY_MIME } from "./bundle";
import type { FigureJSON } from "./figure";
import { liveLossChart, type LiveLossChart } from "./live-loss-chart";
import { progressBar, progressText } from "./progress-bar";
import { niceTicks, svgLineChart } from "./svg-line-chart";
import type { StepInfo, TrainingCallback } from "../nn/fit";

const sent = captureDisplays();

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
  cb.onEnd?.({ loss: Array.from({ length: 100 }, (_, i) => 2 / (i + 1)), trainAccuracy: [0.81, 0.82], validationAccuracy: [], gradNorms: {} });
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
  it("redraws one output in place, throttled: SVG frames while training, the Plotly figure at the end", () => {
    let chart: LiveLossChart | undefined;
    train((clock) => (chart = liveLossChart({ clock })), 10);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThanOrEqual(8);
    expect(new Set(sent.map((s) => s.options.displayId)).size).toBe(1);
    expect(sent.map((s) => s.update)).toEqual([false, ...new Array(sent.length - 1).fill(true)]);
    for (const s of sent.slice(0, -1)) {
      expect(Object.keys(s.bundle).sort()).toEqual(["text/html", "text/plain"]);
      expect(s.bundle["text/html"]).toMatch(/^<div class="bpl-live-chart" data-state="running" data-steps="\d+"><svg /);
    }
    const middle = sent[2].bundle["text/html"] as string;
    expect(middle).toContain("<polyline");
    expect(middle).toContain("Loss during training (epoch 1/2)");
    expect(Object.keys(sent[sent.length - 1].bundle).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    const final = sent[sent.length - 1].bundle[PLOTLY_MIME] as FigureJSON;
    expect(final.data.map((t) => t.name)).toEqual(["loss per step", "smoothed", "epoch mean"]);
    expect(final.data[0].y).toHaveLength(100);
    expect(final.data[2].y).toEqual([1, 0.5]);
    expect(final.data[2].x).toEqual([50, 100]);
    expect(final.layout.title.text).toBe("Loss during training (done, 100 steps)");
    expect(chart!.figure().data[0].x).toHaveLength(100);
  });

  it("no frame carries plotly.js: every frame's HTML stays small", () => {
    train((clock) => liveLossChart({ clock }), 10);
    for (const s of sent) expect((s.bundle["text/html"] as string).length).toBeLessThan(60_000);
  });
});

describe("svgLineChart", () => {
  it("round ticks", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 1497)).toEqual([200, 400, 600, 800, 1000, 1200, 1400]);
  });

  it("one polyline per series with its points scaled into the plot, escaped text", () => {
    const svg = svgLineChart({ title: "a<b", xTitle: "x", yTitle: "y", width: 200, height: 100, series: [{ name: "s", x: [0, 1], y: [0, 1], color: "#000000" }] });
    expect(svg).toContain("a&lt;b");
    // x 0..1 → 64..184 px; y 0..1 padded by 5% → plot rows 36..42 (100 − 36 − 58 = 6 px tall)
    const points = svg.match(/points="([^"]+)"/)![1].split(" ");
    expect(points).toHaveLength(2);
    expect(points[0].startsWith("64.0,")).toBe(true);
    expect(points[1].startsWith("184.0,")).toBe(true);
  });

  it("keeps a long run's frame small: at most two points per pixel column", () => {
    const x = Array.from({ length: 20_000 }, (_, i) => i);
    const svg = svgLineChart({ title: "t", xTitle: "x", yTitle: "y", width: 640, series: [{ name: "s", x, y: x.map((v) => 1 / (v + 1)), color: "#000000" }] });
    const points = svg.match(/points="([^"]+)"/)![1].split(" ");
    expect(points.length).toBeLessThanOrEqual(2 * (640 - 64 - 16));
    expect(points.length).toBeGreaterThan(500);
  });
});
