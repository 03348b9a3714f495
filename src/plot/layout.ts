// The house look every builder starts from: title, titled axes, legend, margins that fit the labels.

import type { Axis, Layout } from "./figure-json";
import { fmt } from "./format";
import { BASE_FONT, INK, MUTED } from "./palette";

export function axis(title: string, extra: Partial<Axis> = {}): Axis {
  return {
    title: { text: title, standoff: 8 },
    showgrid: true,
    gridcolor: "#E5E5E5",
    zeroline: false,
    linecolor: MUTED,
    ticks: "outside",
    tickcolor: MUTED,
    automargin: true,
    ...extra,
  };
}

/**
 * Log axis ticks at 1, 2, 5 × 10^k, written out in full ("0.5", not Plotly's bare minor digit "5"),
 * when the data spans few decades; powers of ten when it spans many.
 */
export function logAxisTicks(lo: number, hi: number): Partial<Axis> {
  // dtick n = a labelled tick every n decades (about eight in all); without it Plotly adds bare "2"
  // and "5" minor labels, and 30 decades at one tick each pile up into an unreadable column.
  if (!(lo > 0) || !(hi >= lo)) return { type: "log", exponentformat: "power" };
  const decades = Math.log10(hi / lo);
  if (decades > 3) return { type: "log", exponentformat: "power", dtick: Math.max(1, Math.ceil(decades / 8)) };
  const tickvals: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * Math.pow(10, k)).toPrecision(12));
      if (v >= lo / 1.25 && v <= hi * 1.25) tickvals.push(v);
    }
  }
  return { type: "log", tickvals, ticktext: tickvals.map((v) => fmt(v)) };
}

/** Whole-number ticks for counts (epochs) when there are few of them: no "epoch 1.5". */
export function countAxisTicks(xs: readonly number[]): Partial<Axis> {
  if (xs.length === 0 || !xs.every(Number.isInteger)) return {};
  const span = Math.max(...xs) - Math.min(...xs);
  return span <= 12 ? { tickmode: "linear", dtick: 1 } : { tickformat: "d" };
}

export function baseLayout(title: string, xTitle: string, yTitle: string, extra: Partial<Layout> = {}): Layout {
  return {
    title: { text: title, x: 0.02, xanchor: "left", font: { size: 17, color: INK } },
    xaxis: axis(xTitle),
    yaxis: axis(yTitle),
    font: BASE_FONT,
    showlegend: true,
    legend: { orientation: "h", x: 0, y: -0.2, yanchor: "top" },
    hovermode: "closest",
    margin: { l: 70, r: 30, t: 60, b: 90 },
    height: 420,
    plot_bgcolor: "#FFFFFF",
    paper_bgcolor: "#FFFFFF",
    ...extra,
  };
}
