// gradientNorms: how big each layer's gradient is — bars for one step, log-scale lines over training.
//
// Nielsen (ch. 5) plots exactly this to show gradients vanishing in early layers: on a log axis a
// layer whose gradient is 100x smaller sits two decades lower, which a linear axis hides.

import { makeFigure, type Figure, type Trace } from "./figure";
import { fmt, maxOf, minOf } from "./format";
import { smooth } from "./line-chart";
import { baseLayout, logAxisTicks } from "./layout";
import { OKABE_ITO, seriesColor } from "./palette";

export interface GradientNormOptions {
  title?: string;
  /** Over training: what x counts. Default "step". */
  per?: "step" | "epoch";
  /** Bars only: log y too (default false); lines are always on log y. */
  logY?: boolean;
  /**
   * Lines only: moving-average weight in [0, 1), applied to log10 of the norms (a geometric mean,
   * right for a log axis). Default 0 up to 100 steps, else 0.9: per-step norms are too noisy to
   * tell the layers apart.
   */
  smoothing?: number;
}

type OneStep = { readonly [layer: string]: number };
type OverTraining = { readonly [layer: string]: readonly number[] };

/** { layer: norm } → bars for one step; { layer: norms[] } → one line per layer over training. */
export function gradientNorms(norms: OneStep | OverTraining, options: GradientNormOptions = {}): Figure {
  const layers = Object.keys(norms);
  if (layers.length === 0) throw new Error("gradientNorms: norms must name at least one layer, got {}");
  const first = norms[layers[0]];
  return Array.isArray(first) ? overTraining(norms as OverTraining, layers, options) : oneStep(norms as OneStep, layers, options);
}

function checkNorm(layer: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new Error(`gradientNorms: layer "${layer}" norms must be finite numbers >= 0, got ${String(v)}`);
  }
  return v;
}

function oneStep(norms: OneStep, layers: string[], options: GradientNormOptions): Figure {
  const values = layers.map((l) => checkNorm(l, norms[l]));
  const trace: Trace = {
    type: "bar",
    name: "gradient norm",
    x: layers,
    y: values,
    // One colour: the x labels name the layers, and cycling colours past seven layers means nothing.
    marker: { color: OKABE_ITO.blue },
    text: values.map((v) => fmt(v, 3)),
    textposition: "outside",
    cliponaxis: false,
    hovertemplate: "<b>%{x}</b><br>‖grad‖₂ = %{y:.4g}<extra></extra>",
    showlegend: false,
  };
  const layout = baseLayout(options.title ?? "Gradient norm per layer (one step)", "Layer (input side → output side)", "‖gradient‖₂ (L2 norm)");
  layout.showlegend = false;
  layout.margin = { l: 70, r: 30, t: 60, b: 60 };
  if (options.logY) {
    if (values.some((v) => v <= 0)) throw new Error("gradientNorms: logY needs every norm > 0, got a 0");
    layout.yaxis = { ...layout.yaxis, ...logAxisTicks(minOf(values), maxOf(values)) };
  } else {
    layout.yaxis = { ...layout.yaxis, range: [0, maxOf(values) * 1.18 || 1] };
  }
  const ratio = minOf(values) > 0 ? maxOf(values) / minOf(values) : Infinity;
  return makeFigure({ data: [trace], layout }, [`largest/smallest layer norm: ${fmt(ratio)}`]);
}

function overTraining(norms: OverTraining, layers: string[], options: GradientNormOptions): Figure {
  const per = options.per ?? "step";
  const longest = Math.max(...layers.map((l) => norms[l].length));
  const smoothing = options.smoothing ?? (longest > 100 ? 0.9 : 0);
  const data: Trace[] = layers.map((layer, i) => {
    const raw = norms[layer].map((v) => checkNorm(layer, v));
    // Smooth log10 of the positive norms; zeros stay gaps.
    const logs = smoothing > 0 ? smooth(raw.map((v) => (v > 0 ? Math.log10(v) : NaN)), smoothing) : [];
    const ys = smoothing > 0 ? logs.map((l) => (Number.isFinite(l) ? Math.pow(10, l) : 0)) : raw;
    return {
      type: "scatter",
      mode: ys.length <= 30 ? "lines+markers" : "lines",
      name: layer,
      x: ys.map((_, j) => j + 1),
      // A zero norm has no place on a log axis; leave a gap rather than invent a value.
      y: ys.map((v) => (v > 0 ? v : null)),
      line: { color: seriesColor(i), width: 2.5, dash: (["solid", "dash", "dot", "dashdot"] as const)[i % 4] },
      marker: { color: seriesColor(i), size: 6 },
      hovertemplate: `<b>${layer}</b><br>${per} %{x}<br>‖grad‖₂ = %{y:.3e}<extra></extra>`,
    };
  });
  const layout = baseLayout(
    options.title ?? `Gradient norm per layer during training${smoothing > 0 ? " (moving average)" : ""}`,
    per === "epoch" ? "Epoch (passes over the training set)" : "Step (mini-batch updates)",
    "‖gradient‖₂ (L2 norm, log scale)",
  );
  const drawn = data.flatMap((t) => (t.y as (number | null)[]).filter((v): v is number => v !== null && v > 0));
  layout.yaxis = { ...layout.yaxis, ...logAxisTicks(minOf(drawn), maxOf(drawn)) };
  // Each line's last value and step are already in the per-trace summary; repeating the raw last
  // norm here disagreed with it whenever the line was smoothed or ended in a gap.
  const summary = smoothing > 0 ? [`lines smoothed (moving average of log10, weight ${smoothing})`] : [];
  return makeFigure({ data, layout }, summary);
}
