// tangentPlot: a function, its derivative, and the tangent line at one point (chain-rule lesson).

import { makeFigure, type Figure } from "./figure";
import { fmt } from "./format";
import { baseLayout } from "./layout";
import { OKABE_ITO } from "./palette";

export interface TangentPlotInput {
  f: (x: number) => number;
  /** The derivative; default: central difference with h = 1e-5. */
  df?: (x: number) => number;
  x0: number;
  range: readonly [number, number];
  samples?: number;
  /** How to write the function in labels (default "f(x)"). */
  name?: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

export function tangentPlot(input: TangentPlotInput): Figure {
  const [a, b] = input.range;
  if (!(a < b)) throw new Error(`tangentPlot: range must be [low, high] with low < high, got [${a}, ${b}]`);
  const n = input.samples ?? 201;
  const h = 1e-5;
  const df = input.df ?? ((x: number) => (input.f(x + h) - input.f(x - h)) / (2 * h));
  const name = input.name ?? "f(x)";
  const xs = Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  const clean = (v: number) => (Number.isFinite(v) ? v : null);
  const fx = xs.map((x) => clean(input.f(x)));
  const dfx = xs.map((x) => clean(df(x)));
  const y0 = input.f(input.x0);
  const slope = df(input.x0);
  if (!Number.isFinite(y0) || !Number.isFinite(slope)) {
    throw new Error(`tangentPlot: f and its derivative must be finite at x0, got f(${input.x0}) = ${y0}, slope ${slope}`);
  }
  // The tangent is drawn over the middle of the range so it never dwarfs the curve.
  const half = (b - a) / 4;
  const tx = [Math.max(a, input.x0 - half), Math.min(b, input.x0 + half)];
  const ty = tx.map((x) => y0 + slope * (x - input.x0));
  // "f(x) = x·sin(x)" → "f′(x)": the derivative gets a name, not the function's formula.
  const head = name.split("=")[0].trim();
  const prime = /^\w+\(/.test(head) ? head.replace(/^(\w+)\(/, "$1′(") : `d/dx ${head}`;
  // The input's name as the function's label writes it: "L(w1)" → "w1" (else "x").
  const v = /^\w+\((\w+)\)$/.exec(head)?.[1] ?? "x";
  const data = [
    { type: "scatter" as const, mode: "lines", name, x: xs, y: fx, line: { color: OKABE_ITO.blue, width: 3 }, hovertemplate: `x %{x:.3g}<br>${name} = %{y:.4g}<extra></extra>` },
    { type: "scatter" as const, mode: "lines", name: `${prime} (derivative)`, x: xs, y: dfx, line: { color: OKABE_ITO.orange, width: 2.5, dash: "dash" as const }, hovertemplate: `x %{x:.3g}<br>${prime} = %{y:.4g}<extra></extra>` },
    { type: "scatter" as const, mode: "lines", name: `tangent at ${v} = ${fmt(input.x0)} (slope ${fmt(slope)})`, x: tx, y: ty, line: { color: OKABE_ITO.vermillion, width: 2 }, hoverinfo: "skip" },
    {
      type: "scatter" as const, mode: "markers", name: `(${v}, ${head}) = (${fmt(input.x0)}, ${fmt(y0)})`, x: [input.x0], y: [y0],
      marker: { color: OKABE_ITO.vermillion, size: 11, line: { color: "#FFFFFF", width: 1.5 } },
      hovertemplate: `${v} = ${fmt(input.x0)}<br>${name} = ${fmt(y0)}<br>slope = ${fmt(slope)}<extra></extra>`,
    },
  ];
  const layout = baseLayout(
    input.title ?? `${name}, its derivative, and the tangent at ${v} = ${fmt(input.x0)}`,
    input.xTitle ?? "x (input, no units)",
    input.yTitle ?? "y (output, no units)",
  );
  layout.xaxis = { ...layout.xaxis, range: [a, b], zeroline: true, zerolinecolor: "#BBBBBB" };
  layout.yaxis = { ...layout.yaxis, zeroline: true, zerolinecolor: "#BBBBBB" };
  return makeFigure({ data, layout }, [`at ${v} = ${fmt(input.x0)}: ${head} = ${fmt(y0)}, slope ${fmt(slope)}`]);
}
