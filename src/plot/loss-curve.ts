// lossCurve and accuracyCurve: training progress as lines over steps or epochs.

import { makeFigure, type Figure } from "./figure";
import { fmt, maxOf, minOf } from "./format";
import { baseLayout, countAxisTicks, logAxisTicks } from "./layout";
import { checkSeries, seriesTraces, toSeries, type SeriesInput } from "./line-chart";

export interface CurveOptions {
  title?: string;
  /** What x counts: "step" (mini-batches) or "epoch" (passes over the data). Default "step". */
  per?: "step" | "epoch";
  /** Exponential-moving-average weight in [0, 1); 0.9 smooths a noisy per-step loss well. */
  smoothing?: number;
  /** Loss only: a log y axis, where a steadily falling loss looks like a straight line. */
  logY?: boolean;
  yTitle?: string;
}

function xTitle(per: "step" | "epoch"): string {
  return per === "epoch" ? "Epoch (passes over the training set)" : "Step (mini-batch updates)";
}

/** Loss over training: one or more series (train, validation), optionally smoothed or on log y. */
export function lossCurve(input: SeriesInput, options: CurveOptions = {}): Figure {
  const series = toSeries(input, "loss");
  checkSeries("lossCurve", series);
  const per = options.per ?? "step";
  const yTitle = options.yTitle ?? (options.logY ? "Loss (log scale, no units)" : "Loss (no units)");
  for (const s of series) {
    if (options.logY && s.values.some((v) => v <= 0)) {
      throw new Error(`lossCurve: logY needs every loss > 0, got ${fmt(minOf(s.values))} in "${s.name}"`);
    }
  }
  const layout = baseLayout(options.title ?? "Loss during training", xTitle(per), yTitle);
  if (options.logY) {
    const all = series.flatMap((s) => [...s.values]);
    layout.yaxis = { ...layout.yaxis, ...logAxisTicks(minOf(all), maxOf(all)) };
  }
  const data = seriesTraces(series, { smoothing: options.smoothing, xName: per, yName: "loss" });
  layout.xaxis = { ...layout.xaxis, ...countAxisTicks(data.flatMap((t) => t.x as number[])) };
  const summary = series.map((s) => `${s.name}: first ${fmt(s.values[0])}, last ${fmt(s.values[s.values.length - 1])}`);
  return makeFigure({ data, layout }, summary);
}

/** Accuracy over training, in percent (fractions in [0, 1] are scaled to percent). */
export function accuracyCurve(input: SeriesInput, options: Omit<CurveOptions, "logY"> = {}): Figure {
  const raw = toSeries(input, "accuracy");
  checkSeries("accuracyCurve", raw);
  const isFraction = raw.every((s) => s.values.every((v) => !Number.isFinite(v) || (v >= 0 && v <= 1)));
  const series = raw.map((s) => ({ ...s, values: isFraction ? s.values.map((v) => 100 * v) : [...s.values] }));
  for (const s of series) {
    const bad = s.values.find((v) => v < 0 || v > 100);
    if (bad !== undefined) throw new Error(`accuracyCurve: accuracy must be in [0, 1] or [0, 100], got ${bad} in "${s.name}"`);
  }
  const per = options.per ?? "epoch";
  const layout = baseLayout(options.title ?? "Accuracy during training", xTitle(per), options.yTitle ?? "Accuracy (%)");
  const lo = minOf(series.map((s) => minOf(s.values)));
  layout.yaxis = { ...layout.yaxis, range: [Math.max(0, Math.floor(lo / 10) * 10 - 2), 101], ticksuffix: "%" };
  const data = seriesTraces(series, { smoothing: options.smoothing, xName: per, yName: "accuracy %" });
  layout.xaxis = { ...layout.xaxis, ...countAxisTicks(data.flatMap((t) => t.x as number[])) };
  const summary = series.map((s) => `${s.name}: last ${fmt(s.values[s.values.length - 1])}%, best ${fmt(maxOf(s.values))}%`);
  return makeFigure({ data, layout }, summary);
}
