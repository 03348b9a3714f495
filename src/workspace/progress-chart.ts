// The progress chart: one stacked bar per notebook, passed / attempted / not started, in the house style.

import { makeFigure, type Figure, type Trace } from "../plot/figure";
import { baseLayout } from "../plot/layout";
import { OKABE_ITO } from "../plot/palette";
import type { NotebookProgress } from "./progress-summary";

const PARTS = [
  { key: "passed", name: "passed", color: OKABE_ITO.bluishGreen },
  { key: "attempted", name: "attempted, not passed yet", color: OKABE_ITO.orange },
  { key: "notStarted", name: "not started", color: "#D9D9D9" },
] as const;

export function progressChart(rows: NotebookProgress[]): Figure {
  const labels = rows.map((r) => r.notebook.replace(/\.ipynb$/, ""));
  const data: Trace[] = PARTS.map((part) => ({
    type: "bar",
    name: part.name,
    x: labels,
    y: rows.map((r) => r[part.key]),
    marker: { color: part.color },
    hovertemplate: `<b>%{x}</b><br>${part.name}: %{y}<extra></extra>`,
  }));
  const layout = baseLayout("Your exercises, per notebook", "Notebook", "Exercises", { barmode: "stack", bargap: 0.35 });
  // Long notebook names slant under the bars; the legend sits above the plot, clear of them.
  layout.xaxis = { ...layout.xaxis!, tickangle: -35 };
  layout.legend = { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" };
  layout.margin = { l: 70, r: 30, t: 90, b: 150 };
  layout.height = 480;
  layout.yaxis = { ...layout.yaxis!, tickformat: "d", rangemode: "tozero" };
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const total = rows.reduce((n, r) => n + r.total, 0);
  return makeFigure({ data, layout }, [`${passed} of ${total} exercises passed`]);
}
