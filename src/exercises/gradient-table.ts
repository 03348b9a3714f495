// compareGradients: a learner's hand-derived gradients against autograd's, one row per tensor in graph order, naming the first wrong one.
//
// Each row reads the learner's gradient through a thunk, so a gradient not written yet (a name no cell declared)
// shows as "not answered" instead of stopping the table. The reference is a tensor after backward(): its shape and grad.

import { MIME_BUNDLE, type MimeBundle } from "../display/display";
import { escapeHtml } from "../display/html";
import { readAnswer } from "./answer-data";
import { toGrid } from "./check-array";
import { formatNumber } from "./describe";
import { messageOf } from "./stub-message";

/** torch.allclose's defaults: |yours − autograd| ≤ atol + rtol·|autograd| in every entry. */
const RTOL = 1e-5;
const ATOL = 1e-8;

/** What the table needs of a reference tensor: its shape and, after backward(), its gradient. */
export interface GradientReference {
  readonly shape: readonly number[];
  readonly grad: ArrayLike<number> | null;
}

/** [tensor name, () => the learner's gradient of it, the tensor itself]. */
export type GradientRow = readonly [name: string, yours: () => unknown, reference: GradientReference];

export type RowStatus = "exact" | "close" | "wrong" | "shape" | "not answered" | "unreadable" | "no reference";

export interface ComparedRow {
  name: string;
  yourShape: number[] | null;
  expectedShape: number[];
  status: RowStatus;
  exact: boolean;
  close: boolean;
  maxDiff: number | null;
  /** Why the row is not a plain comparison (a shape mismatch, an unreadable answer, a gradient missing). */
  note: string;
}

export interface GradientComparison {
  rows: ComparedRow[];
  /** The first row in graph order that is answered but not close; later rows inherit its error. */
  firstWrong: string | undefined;
  /** The one-line verdict shown under the table. */
  verdict: string;
}

const shapeText = (shape: readonly number[] | null) => (shape === null ? "–" : `[${shape.join(", ")}]`);

function compareRow([name, yours, reference]: GradientRow): ComparedRow {
  const expectedShape = [...reference.shape];
  const row: ComparedRow = { name, yourShape: null, expectedShape, status: "not answered", exact: false, close: false, maxDiff: null, note: "" };
  if (reference.grad === null) return { ...row, status: "no reference", note: `${name} has no autograd gradient: run backward() first` };
  let value: unknown;
  try {
    value = yours();
  } catch (error) {
    if (error instanceof ReferenceError) return row;
    return { ...row, status: "unreadable", note: `reading it threw: ${messageOf(error) || String(error)}` };
  }
  if (value === undefined) return row;
  let grid: ReturnType<typeof toGrid>;
  try {
    grid = toGrid(`d${name}`, readAnswer(`d${name}`, value));
  } catch (error) {
    return { ...row, status: "unreadable", note: messageOf(error) };
  }
  if (typeof grid === "string") return { ...row, status: "unreadable", note: grid };
  row.yourShape = grid.shape;
  const sameShape = grid.shape.length === expectedShape.length && grid.shape.every((n, i) => n === expectedShape[i]);
  if (!sameShape) {
    const transposed = grid.shape.length === 2 && grid.shape[0] === expectedShape[1] && grid.shape[1] === expectedShape[0];
    return { ...row, status: "shape", note: `shape ${shapeText(grid.shape)}, expected ${shapeText(expectedShape)}${transposed ? " (the transpose)" : ""}` };
  }
  let exact = true, close = true, maxDiff = 0;
  for (let i = 0; i < grid.values.length; i++) {
    const want = reference.grad[i], got = grid.values[i];
    const gap = Math.abs(got - want);
    if (got !== want) exact = false;
    if (gap > ATOL + RTOL * Math.abs(want)) close = false;
    if (gap > maxDiff) maxDiff = gap;
  }
  return { ...row, status: exact ? "exact" : close ? "close" : "wrong", exact, close, maxDiff };
}

function verdictOf(rows: ComparedRow[], firstWrong: ComparedRow | undefined): string {
  if (firstWrong) {
    const why = firstWrong.status === "shape" ? `its ${firstWrong.note}` : firstWrong.status === "unreadable" ? firstWrong.note : `max |difference| ${formatNumber(firstWrong.maxDiff ?? 0)}`;
    return `first wrong: d${firstWrong.name} (${why}). Tensors below it that depend on it inherit its error: fix it first.`;
  }
  const missing = rows.find((r) => r.status === "not answered" || r.status === "no reference");
  if (missing && rows.every((r) => r.status === "not answered")) return `nothing answered yet; start with d${missing.name}`;
  if (missing) return `every answered gradient matches autograd; next to write: d${missing.name}`;
  return `all ${rows.length} gradients match autograd`;
}

function textTable(comparison: GradientComparison): string {
  const header = ["gradient", "your shape", "expected", "exact", "close", "max |diff|"];
  const lines = comparison.rows.map((r) => [
    `d${r.name}`, shapeText(r.yourShape), shapeText(r.expectedShape),
    r.yourShape === null || r.status === "shape" ? "–" : r.exact ? "yes" : "no",
    r.status === "not answered" ? "not answered" : r.status === "shape" ? "SHAPE" : r.status === "unreadable" || r.status === "no reference" ? r.status : r.close ? "yes" : "NO",
    r.maxDiff === null ? "–" : r.maxDiff.toExponential(2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const format = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
  const marks = comparison.rows.map((r) => (r.name === comparison.firstWrong ? "  ← first wrong" : r.note ? `  (${r.note})` : ""));
  return [format(header), ...lines.map((l, i) => format(l) + marks[i]), comparison.verdict].join("\n");
}

function htmlTable(comparison: GradientComparison): string {
  const cell = (text: string, style = "") => `<td style="text-align:left;${style}">${escapeHtml(text)}</td>`;
  const body = comparison.rows.map((r) => {
    const first = r.name === comparison.firstWrong;
    const bad = r.status === "wrong" || r.status === "shape" || r.status === "unreadable";
    const closeText = r.status === "not answered" ? "not answered" : r.status === "shape" ? "shape differs" : r.status === "unreadable" || r.status === "no reference" ? r.status : r.close ? "yes" : "no";
    return `<tr${first ? ' style="background:#fde2e1"' : ""}>` +
      cell(`d${r.name}`, "font-family:monospace") +
      cell(shapeText(r.yourShape), r.status === "shape" ? "color:#b42318;font-weight:bold" : "") +
      cell(shapeText(r.expectedShape)) +
      cell(r.yourShape === null || r.status === "shape" ? "–" : r.exact ? "yes" : "no") +
      cell(closeText, bad ? "color:#b42318;font-weight:bold" : r.close ? "color:#1a7f37" : "color:#667085") +
      cell(r.maxDiff === null ? "–" : r.maxDiff.toExponential(2), "font-family:monospace") +
      cell(first ? `← first wrong${r.note ? `: ${r.note}` : ""}` : r.note) + "</tr>";
  }).join("");
  const head = ["gradient", "your shape", "expected shape", "exact", "close", "max |diff|", ""].map((h) => `<th style="text-align:left">${escapeHtml(h)}</th>`).join("");
  const color = comparison.firstWrong ? "#b42318" : "#1a7f37";
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table><p style="color:${color};font-weight:bold">${escapeHtml(comparison.verdict)}</p>`;
}

/** Compares each row's gradient with autograd's; the result shows as a table (HTML and text) when it ends a cell. */
export function compareGradients(rows: readonly GradientRow[]): GradientComparison {
  if (!Array.isArray(rows) || rows.length === 0) throw new Error("compareGradients: rows must be a non-empty list of [name, () => yourGradient, tensor]");
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || typeof row[0] !== "string" || typeof row[1] !== "function" || row[2] === null || typeof row[2] !== "object" || !("grad" in row[2])) {
      throw new Error(`compareGradients: row ${i} must be [name, () => yourGradient, tensor], got ${JSON.stringify(row?.[0] ?? row)}`);
    }
  });
  const compared = rows.map(compareRow);
  const first = compared.find((r) => r.status === "wrong" || r.status === "shape" || r.status === "unreadable");
  const comparison: GradientComparison = { rows: compared, firstWrong: first?.name, verdict: verdictOf(compared, first) };
  Object.defineProperty(comparison, MIME_BUNDLE, {
    value: (): MimeBundle => ({ "text/plain": textTable(comparison), "text/html": htmlTable(comparison) }),
    enumerable: false,
  });
  return comparison;
}
