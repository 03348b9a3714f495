// gradCheckPlot: numerical against analytic gradients, one point per checked entry, drawn from a
// gradcheck report. Points on y = x agree; colour and symbol say how far off (CS231n's bands).

import { makeFigure, type Annotation, type Figure, type Trace } from "./figure";
import { fmt, maxOf, minOf } from "./format";
import { baseLayout, logAxisTicks } from "./layout";
import { MUTED, OKABE_ITO } from "./palette";

/** The structure gradcheck's report has (declared here so plot depends on numbers, not on gradcheck). */
export interface ParamCheckLike {
  name: string;
  shape?: readonly number[];
  indices: readonly number[];
  analytic: readonly number[];
  numeric: readonly number[];
  relErrors: readonly number[];
}

export interface GradCheckReportLike {
  params: readonly ParamCheckLike[];
  worstRelError?: number;
  passed?: boolean;
}

export interface GradCheckPlotOptions {
  title?: string;
  /** Plot |numeric| against |analytic| on log axes: small gradients become visible. */
  logLog?: boolean;
  /** How many of the worst points get a label (default 3). */
  label?: number;
}

/** How to read a relative error (CS231n's bands; gradcheck/relative-error.ts names the same four). */
export type Band = "good" | "kinks" | "uncomfortable" | "wrong";

export const BAND_STYLE: { readonly [b in Band]: { color: string; symbol: string; limit: string } } = {
  good: { color: OKABE_ITO.blue, symbol: "circle", limit: "rel. error ≤ 1e-7" },
  kinks: { color: OKABE_ITO.bluishGreen, symbol: "diamond", limit: "≤ 1e-4 (fine with kinks)" },
  uncomfortable: { color: OKABE_ITO.orange, symbol: "square", limit: "≤ 1e-2 (suspicious)" },
  wrong: { color: OKABE_ITO.vermillion, symbol: "x", limit: "> 1e-2 (wrong)" },
};

export function bandOf(relError: number): Band {
  if (!(relError <= 1e-2)) return "wrong"; // NaN lands here too: an unmeasurable error is not fine
  if (relError <= 1e-7) return "good";
  if (relError <= 1e-4) return "kinks";
  return "uncomfortable";
}

/** "W1[1, 2]" from a flat index and the parameter's shape. */
export function entryName(name: string, index: number, shape?: readonly number[]): string {
  if (!shape || shape.length === 0) return shape?.length === 0 ? name : `${name}[${index}]`;
  const coords: number[] = [];
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    coords.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return `${name}[${coords.join(", ")}]`;
}

// NaN sorts as the worst error: an unmeasurable gradient must be looked at first.
const errorKey = (p: { relError: number }) => (Number.isNaN(p.relError) ? Infinity : p.relError);

interface Point {
  label: string;
  analytic: number;
  numeric: number;
  relError: number;
  band: Band;
}

export function gradCheckPlot(report: GradCheckReportLike, options: GradCheckPlotOptions = {}): Figure {
  const points: Point[] = [];
  for (const p of report.params) {
    const n = p.indices.length;
    if (p.analytic.length !== n || p.numeric.length !== n || p.relErrors.length !== n) {
      throw new Error(
        `gradCheckPlot: param "${p.name}" indices, analytic, numeric and relErrors must have the same length, ` +
          `got ${n}, ${p.analytic.length}, ${p.numeric.length}, ${p.relErrors.length}`,
      );
    }
    for (let i = 0; i < n; i++) {
      points.push({
        label: entryName(p.name, p.indices[i], p.shape),
        analytic: p.analytic[i],
        numeric: p.numeric[i],
        relError: p.relErrors[i],
        band: bandOf(p.relErrors[i]),
      });
    }
  }
  if (points.length === 0) throw new Error("gradCheckPlot: report must hold at least one checked entry, got none");

  const logLog = options.logLog ?? false;
  const coord = (v: number) => (logLog ? Math.abs(v) : v);
  const shown = logLog ? points.filter((p) => Math.abs(p.analytic) > 0 && Math.abs(p.numeric) > 0) : points;
  const dropped = points.length - shown.length;

  const data: Trace[] = [];
  const all = shown.flatMap((p) => [coord(p.analytic), coord(p.numeric)]);
  const lo = all.length ? minOf(all) : logLog ? 1e-8 : -1;
  const hi = all.length ? maxOf(all) : 1;
  const pad = logLog ? 1 : (hi - lo) * 0.05 || 1;
  const diag = logLog ? [lo / 2, hi * 2] : [lo - pad, hi + pad];
  data.push({
    type: "scatter", mode: "lines", name: "y = x (perfect agreement)", x: diag, y: diag,
    line: { color: "#888888", width: 1.5, dash: "dash" }, hoverinfo: "skip",
  });
  for (const band of ["good", "kinks", "uncomfortable", "wrong"] as Band[]) {
    const ps = shown.filter((p) => p.band === band);
    if (ps.length === 0) continue;
    const style = BAND_STYLE[band];
    data.push({
      type: "scatter", mode: "markers", name: `${band}: ${style.limit}`,
      x: ps.map((p) => coord(p.analytic)), y: ps.map((p) => coord(p.numeric)),
      marker: { color: style.color, symbol: style.symbol, size: band === "good" ? 7 : 10, line: { color: "#FFFFFF", width: 0.5 } },
      hovertext: ps.map((p) => `<b>${p.label}</b><br>analytic ${fmt(p.analytic, 6)}<br>numeric ${fmt(p.numeric, 6)}<br>rel. error ${p.relError.toExponential(2)}`),
      hoverinfo: "text",
    });
  }

  const worst = [...shown].sort((a, b) => errorKey(b) - errorKey(a)).slice(0, options.label ?? 3);
  // Labels stack in the empty upper-left triangle (points cluster on the diagonal), each with an
  // arrow to its point: nearby points then never get overlapping labels.
  const axisCoord = (v: number) => (logLog ? Math.log10(v) : v);
  const [a0, a1] = [axisCoord(diag[0]), axisCoord(diag[1])];
  const span = a1 - a0;
  const annotations: Annotation[] = worst
    .filter((p) => p.band !== "good")
    .map((p, i) => ({
      x: axisCoord(coord(p.analytic)),
      y: axisCoord(coord(p.numeric)),
      text: `${p.label}: rel. err ${p.relError.toExponential(1)}`,
      showarrow: true, arrowhead: 2, arrowwidth: 1.2, arrowcolor: MUTED,
      axref: "x", ayref: "y", ax: a0 + 0.03 * span, ay: a1 - (0.07 + 0.09 * i) * span, xanchor: "left",
      font: { size: 12, color: BAND_STYLE[p.band].color }, bgcolor: "rgba(255,255,255,0.9)",
    }));

  const worstAll = [...points].sort((a, b) => errorKey(b) - errorKey(a))[0];
  const verdict = worstAll.band === "good" || worstAll.band === "kinks" ? "gradients agree" : "check the worst entries";
  const layout = baseLayout(
    options.title ?? `Gradient check: ${verdict} (worst rel. error ${worstAll.relError.toExponential(1)})`,
    logLog ? "|analytic gradient| (backprop, log scale)" : "Analytic gradient (backprop)",
    logLog ? "|numeric gradient| (central difference, log scale)" : "Numeric gradient (central difference)",
    { annotations, height: 520 },
  );
  if (logLog) {
    layout.xaxis = { ...layout.xaxis, ...logAxisTicks(diag[0], diag[1]) };
    layout.yaxis = { ...layout.yaxis, ...logAxisTicks(diag[0], diag[1]) };
  } else {
    // Same range on both axes, so y = x runs corner to corner.
    layout.xaxis = { ...layout.xaxis, range: diag };
    layout.yaxis = { ...layout.yaxis, range: diag };
  }
  const counts = (["good", "kinks", "uncomfortable", "wrong"] as Band[]).map((b) => `${b} ${points.filter((p) => p.band === b).length}`);
  const summary = [
    `${points.length} entries: ${counts.join(", ")}`,
    `worst: ${worstAll.label} analytic ${fmt(worstAll.analytic, 6)} numeric ${fmt(worstAll.numeric, 6)} rel. error ${worstAll.relError.toExponential(2)} (${worstAll.band})`,
  ];
  if (dropped > 0) summary.push(`${dropped} entries with a zero gradient are not drawn on log axes`);
  return makeFigure({ data, layout }, summary, { traceLines: false });
}
