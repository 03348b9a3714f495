// decisionBoundary: a 2-D classifier's regions (its prediction on a grid) under the data points.

import { makeFigure, type Figure, type Trace } from "./figure";
import { fmt } from "./format";
import { baseLayout } from "./layout";
import { seriesColor, tint } from "./palette";

export interface DecisionBoundaryInput {
  /** The classifier: class index (0, 1, …) for a point (x, y). */
  predict: (x: number, y: number) => number;
  /** Data points as [n, 2] rows (arrays, or a matrix such as a toy Dataset's x) and their class labels. */
  points: readonly (readonly number[])[] | { readonly data: ArrayLike<number>; readonly shape: readonly number[] };
  labels: readonly number[];
  /** Plotted range; default: the points' extent plus 10% on each side. */
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
  /** Grid cells per axis (default 100). */
  resolution?: number;
  classNames?: readonly string[];
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const pad = (hi - lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

function rows(points: DecisionBoundaryInput["points"]): (readonly number[])[] {
  if (Array.isArray(points)) return points as (readonly number[])[];
  const m = points as { data: ArrayLike<number>; shape: readonly number[] };
  if (m.shape.length !== 2 || m.shape[1] !== 2) throw new Error(`decisionBoundary: points must be [n, 2], got [${m.shape.join(", ")}]`);
  return Array.from({ length: m.shape[0] }, (_, i) => [m.data[2 * i], m.data[2 * i + 1]]);
}

export function decisionBoundary(input: DecisionBoundaryInput): Figure {
  const points = rows(input.points);
  const { labels } = input;
  if (points.length !== labels.length) {
    throw new Error(`decisionBoundary: points and labels must have the same length, got ${points.length} and ${labels.length}`);
  }
  points.forEach((p, i) => {
    if (p.length !== 2) throw new Error(`decisionBoundary: points must be [n, 2], got row ${i} with ${p.length} numbers`);
  });
  const n = input.resolution ?? 100;
  if (!Number.isInteger(n) || n < 2) throw new Error(`decisionBoundary: resolution must be an integer >= 2, got ${n}`);
  const [x0, x1] = input.xRange ?? extent(points.map((p) => p[0]));
  const [y0, y1] = input.yRange ?? extent(points.map((p) => p[1]));
  const xs = Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
  const ys = Array.from({ length: n }, (_, j) => y0 + ((y1 - y0) * j) / (n - 1));
  const z = ys.map((y) =>
    xs.map((x) => {
      const c = input.predict(x, y);
      if (!Number.isInteger(c) || c < 0) throw new Error(`decisionBoundary: predict must return a class index >= 0, got ${c} at (${fmt(x)}, ${fmt(y)})`);
      return c;
    }),
  );
  let classes = 0;
  for (const row of z) for (const c of row) classes = Math.max(classes, c + 1);
  for (const l of labels) classes = Math.max(classes, l + 1);
  const name = (c: number) => input.classNames?.[c] ?? `class ${c}`;
  // A stepped colour scale: class c fills the band [c - 0.5, c + 0.5] with a light tint of its colour.
  const colorscale: [number, string][] = [];
  for (let c = 0; c < classes; c++) {
    const light = tint(seriesColor(c), 0.72);
    colorscale.push([c / classes, light], [(c + 1) / classes, light]);
  }
  const data: Trace[] = [
    {
      type: "heatmap", name: "predicted region", x: xs, y: ys, z, colorscale, zmin: -0.5, zmax: classes - 0.5, showscale: false,
      hovertemplate: "x %{x:.3g}, y %{y:.3g}<br>predicted class %{z}<extra></extra>",
    },
  ];
  for (let c = 0; c < classes; c++) {
    const idx = labels.map((l, i) => (l === c ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    data.push({
      type: "scatter", mode: "markers", name: name(c), x: idx.map((i) => points[i][0]), y: idx.map((i) => points[i][1]),
      marker: { color: seriesColor(c), size: 7, symbol: ["circle", "square", "diamond", "triangle-up", "x", "cross", "star"][c % 7], line: { color: "#FFFFFF", width: 0.8 } },
      hovertemplate: `<b>${name(c)}</b><br>x %{x:.3g}, y %{y:.3g}<extra></extra>`,
    });
  }
  // Training accuracy on the points: the region under each point should match its colour.
  let right = 0;
  points.forEach((p, i) => (right += input.predict(p[0], p[1]) === labels[i] ? 1 : 0));
  const accuracy = points.length ? (100 * right) / points.length : NaN;
  const layout = baseLayout(
    input.title ?? `Decision regions (${fmt(accuracy, 3)}% of points classified correctly)`,
    input.xTitle ?? "x₁ (feature 1)",
    input.yTitle ?? "x₂ (feature 2)",
    { height: 520 },
  );
  layout.xaxis = { ...layout.xaxis, range: [x0, x1], showgrid: false };
  layout.yaxis = { ...layout.yaxis, range: [y0, y1], showgrid: false };
  layout.legend = { orientation: "v", x: 1.02, y: 1, xanchor: "left", title: { text: "true class" } };
  layout.margin = { l: 70, r: 30, t: 60, b: 60 };
  return makeFigure({ data, layout }, [`${points.length} points, ${classes} classes, accuracy ${fmt(accuracy, 3)}%`, `grid ${n} x ${n}`], { traceLines: false });
}
