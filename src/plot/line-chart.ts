// Series of numbers over steps or epochs: what lossCurve and accuracyCurve share.

import type { Trace } from "./figure-json";
import { seriesColor, tint } from "./palette";

/** One named series; x defaults to 1, 2, 3, … (steps or epochs counted from one). */
export interface Series {
  name: string;
  values: readonly number[];
  x?: readonly number[];
}

/** A bare array, a list of series, or a record of named arrays ({ train, validation }). */
export type SeriesInput = readonly number[] | readonly Series[] | { readonly [name: string]: readonly number[] | undefined };

export function toSeries(input: SeriesInput, defaultName: string): Series[] {
  if (Array.isArray(input)) {
    if (input.length === 0 || typeof input[0] === "number") return [{ name: defaultName, values: input as number[] }];
    return (input as Series[]).map((s) => ({ ...s }));
  }
  const out: Series[] = [];
  for (const [name, values] of Object.entries(input as { [name: string]: readonly number[] | undefined })) {
    if (Array.isArray(values) && values.length > 0) out.push({ name, values });
  }
  return out;
}

export function checkSeries(op: string, series: Series[]): void {
  if (series.length === 0) throw new Error(`${op}: series must hold at least one non-empty array, got none`);
  for (const s of series) {
    if (s.x && s.x.length !== s.values.length) {
      throw new Error(`${op}: series "${s.name}" x and values must have the same length, got x ${s.x.length} and values ${s.values.length}`);
    }
  }
}

/** Exponential moving average with bias correction (as TensorBoard smooths), 0 ≤ weight < 1. */
export function smooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new Error(`smooth: weight must be in [0, 1), got ${weight}`);
  const out: number[] = [];
  let avg = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      out.push(v);
      continue;
    }
    n += 1;
    avg = weight * avg + (1 - weight) * v;
    out.push(avg / (1 - Math.pow(weight, n)));
  }
  return out;
}

/** Lines for each series; with smoothing, the raw values faint behind the smoothed line. */
export function seriesTraces(series: Series[], opts: { smoothing?: number; xName: string; yName: string; yFormat?: (v: number) => string }): Trace[] {
  const traces: Trace[] = [];
  series.forEach((s, i) => {
    const color = seriesColor(i);
    const x = s.x ? [...s.x] : s.values.map((_, j) => j + 1);
    const hover = `<b>${s.name}</b><br>${opts.xName} %{x}<br>${opts.yName} %{y:.4g}<extra></extra>`;
    const mode = s.values.length <= 30 ? "lines+markers" : "lines";
    if (opts.smoothing && opts.smoothing > 0) {
      traces.push({
        type: "scatter", mode: "lines", name: `${s.name} (raw)`, x, y: [...s.values],
        line: { color: tint(color, 0.6), width: 1 }, legendgroup: s.name, showlegend: false, hovertemplate: hover,
      });
      traces.push({
        type: "scatter", mode, name: s.name, x, y: smooth(s.values, opts.smoothing),
        line: { color, width: 2.5 }, marker: { color, size: 6 }, legendgroup: s.name,
        hovertemplate: `<b>${s.name} (smoothed)</b><br>${opts.xName} %{x}<br>${opts.yName} %{y:.4g}<extra></extra>`,
      });
    } else {
      traces.push({
        type: "scatter", mode, name: s.name, x, y: [...s.values],
        line: { color, width: 2.5 }, marker: { color, size: 6 }, hovertemplate: hover,
      });
    }
  });
  return traces;
}
