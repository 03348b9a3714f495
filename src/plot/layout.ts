// The house look every builder starts from: title, titled axes, legend, margins that fit the labels.

import type { Axis, Layout } from "./figure";
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
