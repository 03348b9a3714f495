// digitGrid: MNIST images in a grid with their labels; with predictions, mistakes marked in red.
//
// All images are tiled into ONE heatmap (gaps are nulls) rather than one subplot per digit:
// a hundred subplots make Plotly slow, one heatmap draws instantly.

import { makeFigure, type Annotation, type Figure, type Shape, type Trace } from "./figure";
import { BASE_FONT, INK, MISTAKE_COLOR } from "./palette";

export interface DigitGridInput {
  /**
   * Images (pixels 0–1 or 0–255): flat rows of side×side pixels, side×side grids (digitImage),
   * or a [n, side×side] matrix such as a digits Dataset's x.
   */
  images: readonly (ArrayLike<number> | readonly (readonly number[])[])[] | { readonly data: ArrayLike<number>; readonly shape: readonly number[] };
  labels: readonly number[];
  predictions?: readonly number[];
  /** Digits per row (default 8). */
  columns?: number;
  /** At most this many images (default 64). */
  max?: number;
  /** Image side in pixels (default 28). */
  side?: number;
  title?: string;
}

const GAP = 12; // pixel rows above each tile for its label, and columns between tiles
const MAX_SCALE = 2; // screen pixels per image pixel
const MAX_WIDTH = 780; // px: fits JupyterLab's output area with the file browser open

type Pixels = ArrayLike<number>;

/** Every accepted image form as flat pixel rows (only the first `max` are read). */
function flatImages(images: DigitGridInput["images"], side: number, max: number): Pixels[] {
  if (!Array.isArray(images)) {
    const m = images as { data: ArrayLike<number>; shape: readonly number[] };
    const [rows, cols] = m.shape;
    if (cols !== side * side) throw new Error(`digitGrid: images matrix must be [n, ${side * side}], got [${m.shape.join(", ")}]`);
    const out: Pixels[] = [];
    for (let i = 0; i < Math.min(rows, max); i++) out.push(Array.prototype.slice.call(m.data, i * cols, (i + 1) * cols) as number[]);
    return out;
  }
  return (images as (Pixels | readonly (readonly number[])[])[]).slice(0, max).map((img) => {
    const first = (img as ArrayLike<unknown>)[0];
    return Array.isArray(first) ? (img as readonly (readonly number[])[]).flat() : (img as Pixels);
  });
}

export function digitGrid(input: DigitGridInput): Figure {
  const side = input.side ?? 28;
  const images = flatImages(input.images, side, input.max ?? 64);
  const count = images.length;
  if (count === 0) throw new Error("digitGrid: images must hold at least one image, got none");
  if (input.labels.length < count) throw new Error(`digitGrid: labels must have one label per image, got ${input.labels.length} labels for ${count} images`);
  if (input.predictions && input.predictions.length < count) {
    throw new Error(`digitGrid: predictions must have one per image, got ${input.predictions.length} for ${count} images`);
  }
  const cols = Math.min(input.columns ?? 8, count);
  const rows = Math.ceil(count / cols);
  const cellW = side + GAP;
  const cellH = side + GAP;
  // Wide grids shrink rather than run past the output area's right edge.
  const SCALE = Math.min(MAX_SCALE, MAX_WIDTH / (cols * cellW));
  const z: (number | null)[][] = Array.from({ length: rows * cellH }, () => new Array<number | null>(cols * cellW).fill(null));
  const annotations: Annotation[] = [];
  const shapes: Shape[] = [];
  const hx: number[] = [];
  const hy: number[] = [];
  const htext: string[] = [];
  let mistakes = 0;
  for (let k = 0; k < count; k++) {
    const img = images[k];
    if (img.length !== side * side) throw new Error(`digitGrid: image ${k} must hold ${side * side} pixels (${side}×${side}), got ${img.length}`);
    let peak = 0;
    for (let i = 0; i < img.length; i++) peak = Math.max(peak, img[i]);
    const norm = peak > 1 ? 255 : 1;
    const r0 = Math.floor(k / cols) * cellH + GAP;
    const c0 = (k % cols) * cellW + GAP / 2;
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) z[r0 + r][c0 + c] = img[r * side + c] / norm;
    const label = input.labels[k];
    const pred = input.predictions?.[k];
    const wrong = pred !== undefined && pred !== label;
    if (wrong) mistakes += 1;
    annotations.push({
      x: c0 + side / 2 - 0.5, y: r0 - 1, xref: "x", yref: "y", yanchor: "bottom", showarrow: false,
      text: wrong ? `<b>${label} → ${pred}</b>` : String(label),
      font: { size: 12, color: wrong ? MISTAKE_COLOR : INK },
    });
    if (wrong) {
      shapes.push({ type: "rect", xref: "x", yref: "y", x0: c0 - 1.5, x1: c0 + side + 0.5, y0: r0 - 1.5, y1: r0 + side + 0.5, line: { color: MISTAKE_COLOR, width: 2.5 } });
    }
    hx.push(c0 + side / 2);
    hy.push(r0 + side / 2);
    htext.push(`image ${k}<br>true label ${label}${pred !== undefined ? `<br>predicted ${pred}${wrong ? " (wrong)" : ""}` : ""}`);
  }
  const data: Trace[] = [
    { type: "heatmap", name: "pixels", z, colorscale: [[0, "#FFFFFF"], [1, "#000000"]], zmin: 0, zmax: 1, showscale: false, hoverinfo: "skip" },
    { type: "scatter", mode: "markers", name: "digits", x: hx, y: hy, marker: { size: side * SCALE, symbol: "square", color: "rgba(0,0,0,0)" }, hovertext: htext, hoverinfo: "text", showlegend: false },
  ];
  const plotW = cols * cellW * SCALE;
  const plotH = rows * cellH * SCALE;
  const what = input.predictions
    ? `${count} digits: true label, and "true → predicted" in red where the network is wrong (${mistakes} of ${count})`
    : `${count} digits with their labels`;
  const layout = {
    title: { text: input.title ?? what, x: 0.02, xanchor: "left" as const, font: { size: 15, color: INK } },
    xaxis: { visible: false, range: [-1, cols * cellW], fixedrange: true },
    // Reversed, so image rows run downward; the extra units keep the last mistake box's edge inside.
    yaxis: { visible: false, range: [rows * cellH + 1.5, -0.5], fixedrange: true },
    annotations,
    shapes,
    showlegend: false,
    width: plotW + 44,
    height: plotH + 74,
    margin: { l: 20, r: 20, t: 55, b: 15 },
    font: BASE_FONT,
    plot_bgcolor: "#FFFFFF",
    paper_bgcolor: "#FFFFFF",
    hovermode: "closest" as const,
  };
  const summary = [`${count} images in ${rows} rows x ${cols} columns`];
  if (input.predictions) {
    const list: string[] = [];
    for (let k = 0; k < count; k++) if (input.predictions[k] !== input.labels[k]) list.push(`#${k}: ${input.labels[k]} → ${input.predictions[k]}`);
    summary.push(`${mistakes} mistakes${list.length ? ": " + list.slice(0, 20).join(", ") + (list.length > 20 ? ", ..." : "") : ""}`);
  } else {
    summary.push(`labels: ${input.labels.slice(0, count).join(" ")}`);
  }
  return makeFigure({ data, layout }, summary, { traceLines: false });
}
