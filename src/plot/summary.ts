// text/plain for a figure: what it shows, in words, for viewers that run no JavaScript.

import type { FigureJSON, Trace } from "./figure-json";
import { fmt, maxOf, minOf } from "./format";

// Where makeFigure keeps a builder's extra words and whether to describe each trace (non-enumerable).
export const SUMMARY = Symbol.for("backprop-lab.figureSummary");
export const TRACE_LINES = Symbol.for("backprop-lab.figureTraceLines");

/** Whether text/plain describes each trace (true unless the builder said otherwise). */
export function describesTraces(fig: FigureJSON): boolean {
  return (fig as unknown as { [TRACE_LINES]?: boolean })[TRACE_LINES] ?? true;
}

/** The extra words a builder attached (empty for hand-made figures). */
export function figureSummary(fig: FigureJSON): string[] {
  return ((fig as unknown as { [SUMMARY]?: string[] })[SUMMARY] ?? []).slice();
}

function axisTitle(fig: FigureJSON, key: "xaxis" | "yaxis"): string | undefined {
  return fig.layout[key]?.title?.text;
}

function describeTrace(t: Trace): string | undefined {
  if (t.showlegend === false && !t.name) return undefined;
  const name = t.name ?? "(unnamed)";
  if (t.type === "heatmap") {
    const rows = t.z?.length ?? 0;
    const cols = rows > 0 ? t.z![0].length : 0;
    return `${name}: heatmap ${rows} x ${cols}`;
  }
  const isValue = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  const ys = (t.y ?? []).filter(isValue);
  const kind = t.type === "bar" ? "bars" : (t.mode ?? "lines").includes("lines") ? "line" : "points";
  if (ys.length === 0) return `${name}: ${kind}, no values`;
  const xs = t.x ?? [];
  // The last drawn point, not the last slot: a line may end in gaps (nulls).
  let lastIndex = (t.y ?? []).length - 1;
  while (!isValue(t.y![lastIndex])) lastIndex--;
  const lastX = xs[lastIndex];
  if (t.type === "bar") {
    const pairs = (t.y ?? []).map((y, i) => `${xs[i] ?? i} ${typeof y === "number" ? fmt(y) : y}`);
    return `${name}: ${pairs.slice(0, 12).join(", ")}${pairs.length > 12 ? ", ..." : ""}`;
  }
  const last = ys[ys.length - 1];
  const at = lastX !== undefined && lastX !== null ? ` at x=${typeof lastX === "number" ? fmt(lastX) : lastX}` : "";
  return `${name}: ${kind}, ${ys.length} values, last ${fmt(last)}${at}, min ${fmt(minOf(ys))}, max ${fmt(maxOf(ys))}`;
}

/** Title, axes, one line per series, then whatever the builder added. */
export function describeFigure(fig: FigureJSON): string {
  const lines = [fig.layout.title?.text?.replace(/<[^>]+>/g, "") || "Figure"];
  const x = axisTitle(fig, "xaxis");
  const y = axisTitle(fig, "yaxis");
  if (x || y) lines.push(`  x: ${x ?? "-"}; y: ${y ?? "-"}`);
  for (const t of describesTraces(fig) ? fig.data : []) {
    const d = describeTrace(t);
    if (d) lines.push("  " + d);
  }
  if (fig.frames && fig.frames.length > 0) lines.push(`  animation: ${fig.frames.length} frames (${fig.frames.map((f) => f.name).join(", ")})`);
  for (const extra of figureSummary(fig)) lines.push("  " + extra);
  return lines.join("\n");
}
