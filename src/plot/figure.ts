// The Plotly figure subset the builders produce: plain JSON (data, layout, frames, config).
//
// Builders return a Figure that also carries a non-enumerable [MIME_BUNDLE] method, so a figure
// left as a cell's last expression displays itself, while JSON.stringify(fig) stays clean.

import { MIME_BUNDLE, type MimeBundle } from "../kernel/display";
import { figureBundle } from "./bundle";

export type Datum = number | string | null;

export interface Font {
  family?: string;
  size?: number;
  color?: string | string[];
}

export interface Title {
  text: string;
  font?: Font;
  x?: number;
  xanchor?: "auto" | "left" | "center" | "right";
  y?: number;
  yanchor?: "auto" | "top" | "middle" | "bottom";
  standoff?: number;
}

export interface Marker {
  color?: string | string[];
  size?: number | number[];
  symbol?: string | string[];
  opacity?: number;
  line?: { color?: string | string[]; width?: number | number[] };
  [key: string]: unknown;
}

export interface Line {
  color?: string;
  width?: number;
  dash?: "solid" | "dot" | "dash" | "longdash" | "dashdot";
  shape?: "linear" | "spline" | "hv";
}

/** One series: scatter (lines/markers/text), bar, or heatmap. */
export interface Trace {
  type: "scatter" | "bar" | "heatmap";
  name?: string;
  x?: Datum[];
  y?: Datum[];
  z?: (number | null)[][];
  mode?: string;
  text?: string | string[];
  textposition?: string | string[];
  textfont?: Font;
  hovertext?: string | string[];
  hoverinfo?: string;
  hovertemplate?: string;
  customdata?: unknown[];
  marker?: Marker;
  line?: Line;
  opacity?: number;
  showlegend?: boolean;
  legendgroup?: string;
  colorscale?: [number, string][];
  zmin?: number;
  zmax?: number;
  showscale?: boolean;
  xaxis?: string;
  yaxis?: string;
  [key: string]: unknown;
}

export interface Axis {
  title?: Title;
  type?: "linear" | "log" | "category";
  range?: number[];
  autorange?: boolean | "reversed";
  showgrid?: boolean;
  zeroline?: boolean;
  showticklabels?: boolean;
  visible?: boolean;
  scaleanchor?: string;
  scaleratio?: number;
  tickformat?: string;
  [key: string]: unknown;
}

export interface Annotation {
  text: string;
  x?: number | string;
  y?: number | string;
  xref?: string;
  yref?: string;
  showarrow?: boolean;
  font?: Font;
  [key: string]: unknown;
}

export interface Shape {
  type: "rect" | "line" | "circle";
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xref?: string;
  yref?: string;
  line?: { color?: string; width?: number; dash?: string };
  fillcolor?: string;
  layer?: "above" | "below";
  [key: string]: unknown;
}

export interface Layout {
  title: Title;
  xaxis?: Axis;
  yaxis?: Axis;
  yaxis2?: Axis;
  showlegend?: boolean;
  legend?: { [key: string]: unknown };
  annotations?: Annotation[];
  shapes?: Shape[];
  width?: number;
  height?: number;
  margin?: { l?: number; r?: number; t?: number; b?: number; pad?: number };
  hovermode?: string | false;
  template?: unknown;
  updatemenus?: unknown[];
  sliders?: unknown[];
  font?: Font;
  plot_bgcolor?: string;
  paper_bgcolor?: string;
  bargap?: number;
  [key: string]: unknown;
}

/** One animation frame: the traces it changes (by index) and any layout it changes. */
export interface Frame {
  name: string;
  data: Partial<Trace>[];
  traces?: number[];
  layout?: Partial<Layout>;
}

export interface Config {
  responsive?: boolean;
  displaylogo?: boolean;
  [key: string]: unknown;
}

export interface FigureJSON {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
  config?: Config;
}

/** A figure a notebook can show: the JSON plus (hidden) how to display itself. */
export interface Figure extends FigureJSON {
  [MIME_BUNDLE](): MimeBundle;
}

const SUMMARY = Symbol.for("backprop-lab.figureSummary");

const TRACE_LINES = Symbol.for("backprop-lab.figureTraceLines");

/**
 * Wraps figure JSON so it displays itself; summary lines add builder-specific words to text/plain.
 * traceLines: false leaves out the generic one-line-per-trace description (noise for drawings such
 * as graphs and networks, whose traces are markers and wires, not data series).
 */
export function makeFigure(json: FigureJSON, summary: string[] = [], options: { traceLines?: boolean } = {}): Figure {
  // Not responsive: Plotly's responsive mode sizes the chart to 100% of its container's height, and
  // JupyterLab's Plotly output has no height of its own, so any redraw (an animation frame, a
  // resize) collapsed the chart to its title. JupyterLab resizes charts itself.
  const fig = { ...json, config: { displaylogo: false, ...json.config } } as Figure;
  Object.defineProperty(fig, SUMMARY, { value: summary, enumerable: false });
  Object.defineProperty(fig, TRACE_LINES, { value: options.traceLines ?? true, enumerable: false });
  Object.defineProperty(fig, MIME_BUNDLE, {
    value: () => figureBundle(fig),
    enumerable: false,
  });
  return fig;
}

/** Whether text/plain describes each trace (true unless the builder said otherwise). */
export function describesTraces(fig: FigureJSON): boolean {
  return (fig as unknown as { [TRACE_LINES]?: boolean })[TRACE_LINES] ?? true;
}

/** The extra words a builder attached (empty for hand-made figures). */
export function figureSummary(fig: FigureJSON): string[] {
  return ((fig as unknown as { [SUMMARY]?: string[] })[SUMMARY] ?? []).slice();
}
