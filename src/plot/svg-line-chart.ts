// A small static SVG line chart (no JavaScript), for the live loss chart's in-between frames.
//
// JupyterLab's Plotly renderer draws a figure once and ignores update_display_data for it, and a
// Plotly redraw four times a second is heavy anyway; plain SVG in text/html updates in place in
// every front end. The final frame is the interactive Plotly figure.

import { escapeHtml } from "../display/html";
import { fmt, maxOf, minOf } from "./format";
import { INK, MUTED } from "./palette";

export interface SvgSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  width?: number;
  dash?: boolean;
}

export interface SvgLineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  series: readonly SvgSeries[];
  logY?: boolean;
  width?: number;
  height?: number;
}

/** About five round tick values covering [lo, hi] (1, 2, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw / 1.5)!; // 4–8 ticks
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function svgLineChart(o: SvgLineChartOptions): string {
  const W = o.width ?? 640;
  const H = o.height ?? 300;
  const m = { l: 64, r: 16, t: 36, b: 58 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const ty = (v: number) => (o.logY ? Math.log10(v) : v);
  const xs = o.series.flatMap((s) => [...s.x]);
  const ys = o.series.flatMap((s) => s.y.filter((v) => Number.isFinite(v) && (!o.logY || v > 0)).map(ty));
  const x0 = xs.length ? minOf(xs) : 0;
  const x1 = xs.length && maxOf(xs) > x0 ? maxOf(xs) : x0 + 1;
  let y0 = ys.length ? minOf(ys) : 0;
  let y1 = ys.length ? maxOf(ys) : 1;
  if (!(y1 > y0)) (y0 -= 0.5), (y1 += 0.5);
  const pad = (y1 - y0) * 0.05;
  (y0 -= pad), (y1 += pad);
  const px = (v: number) => m.l + ((v - x0) / (x1 - x0)) * pw;
  const py = (v: number) => m.t + ph - ((ty(v) - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<text x="${m.l}" y="20" font-size="15" fill="${INK}">${escapeHtml(o.title)}</text>`);
  for (const t of niceTicks(x0, x1)) {
    parts.push(`<line x1="${px(t).toFixed(1)}" x2="${px(t).toFixed(1)}" y1="${m.t}" y2="${m.t + ph}" stroke="#E5E5E5"/>`);
    parts.push(`<text x="${px(t).toFixed(1)}" y="${m.t + ph + 16}" font-size="11" text-anchor="middle" fill="${MUTED}">${fmt(t)}</text>`);
  }
  const yTicks = o.logY ? niceTicks(Math.ceil(y0), Math.floor(y1), 4).filter(Number.isInteger).map((k) => Math.pow(10, k)) : niceTicks(y0, y1, 4);
  for (const t of yTicks) {
    const y = py(t);
    if (!(y >= m.t - 0.5 && y <= m.t + ph + 0.5)) continue;
    parts.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#E5E5E5"/>`);
    parts.push(`<text x="${m.l - 6}" y="${(y + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${MUTED}">${fmt(t)}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="${MUTED}"/>`);
  for (const s of o.series) {
    const pts: string[] = [];
    // At most two points per pixel column: a long run's frames stay small (every frame is resent).
    const stride = Math.max(1, Math.ceil(s.x.length / (2 * pw)));
    for (let i = 0; i < s.x.length; i += stride) {
      const y = s.y[i];
      if (Number.isFinite(y) && (!o.logY || y > 0)) pts.push(`${px(s.x[i]).toFixed(1)},${py(y).toFixed(1)}`);
    }
    if (pts.length) {
      parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="${s.width ?? 2}"${s.dash ? ' stroke-dasharray="6 4"' : ""} points="${pts.join(" ")}"/>`);
    }
  }
  parts.push(`<text x="${m.l + pw / 2}" y="${H - 24}" font-size="12" text-anchor="middle" fill="${INK}">${escapeHtml(o.xTitle)}</text>`);
  parts.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" font-size="12" text-anchor="middle" fill="${INK}">${escapeHtml(o.yTitle)}</text>`);
  let lx = m.l;
  for (const s of o.series) {
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${H - 6}" y2="${H - 6}" stroke="${s.color}" stroke-width="2.5"${s.dash ? ' stroke-dasharray="6 4"' : ""}/>`);
    parts.push(`<text x="${lx + 24}" y="${H - 2}" font-size="11" fill="${INK}">${escapeHtml(s.name)}</text>`);
    lx += 34 + 7 * s.name.length;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
    `font-family="Helvetica Neue, Arial, sans-serif" role="img" aria-label="${escapeHtml(o.title)}">${parts.join("")}</svg>`
  );
}
