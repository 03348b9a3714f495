// makeFigure(): figure JSON that displays itself when left as a cell's last expression.
//
// Builders return a Figure that also carries a non-enumerable [MIME_BUNDLE] method, so a figure
// left as a cell's last expression displays itself, while JSON.stringify(fig) stays clean.

import { MIME_BUNDLE, type MimeBundle } from "../display/display";
import { figureBundle } from "./bundle";
import type { FigureJSON } from "./figure-json";
import { SUMMARY, TRACE_LINES } from "./summary";

export type { Datum, Font, Title, Marker, Line, Trace, Axis, Annotation, Shape, Layout, Frame, Config, FigureJSON } from "./figure-json";

/** A figure a notebook can show: the JSON plus (hidden) how to display itself. */
export interface Figure extends FigureJSON {
  [MIME_BUNDLE](): MimeBundle;
}

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
