// xyChart: lines against an x axis of the caller's choosing (depth, layer, parameter count), either axis logarithmic.

import { makeFigure, type Figure } from "./figure";
import { fmt, maxOf, minOf } from "./format";
import { baseLayout, logAxisTicks } from "./layout";
import { checkSeries, seriesTraces, toSeries, type SeriesInput } from "./line-chart";

export interface XYChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** a log x axis (every x must be > 0): power laws become straight lines on log–log axes */
  logX?: boolean;
  /** a log y axis (every value must be > 0): exponentials in x become straight lines */
  logY?: boolean;
}

/** One line per series; each series' x defaults to 1, 2, 3, …. */
export function xyChart(input: SeriesInput, options: XYChartOptions): Figure {
  const series = toSeries(input, "y");
  checkSeries("xyChart", series);
  const xs = series.flatMap((s) => (s.x ? [...s.x] : s.values.map((_, i) => i + 1)));
  const ys = series.flatMap((s) => [...s.values]);
  if (options.logX && xs.some((x) => !(x > 0))) throw new Error(`xyChart: logX needs every x > 0, got ${fmt(minOf(xs))}`);
  if (options.logY && ys.some((y) => !(y > 0))) throw new Error(`xyChart: logY needs every value > 0, got ${fmt(minOf(ys))}`);
  const layout = baseLayout(options.title, options.xTitle, options.yTitle);
  if (options.logX) layout.xaxis = { ...layout.xaxis, ...logAxisTicks(minOf(xs), maxOf(xs)) };
  if (options.logY) layout.yaxis = { ...layout.yaxis, ...logAxisTicks(minOf(ys), maxOf(ys)) };
  const data = seriesTraces(series, { xName: options.xTitle, yName: options.yTitle });
  const summary = series.map((s) => `${s.name}: first ${fmt(s.values[0])}, last ${fmt(s.values[s.values.length - 1])}`);
  return makeFigure({ data, layout }, summary);
}
