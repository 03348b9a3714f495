// graphPlot: a scalar Value graph laid out left to right, like micrograd's draw_dot (no graphviz).
//
// Each value is a box "label / data / grad"; a value made by an op gets a small op circle on its
// left that its inputs feed. Columns come from the longest path from a leaf, so every edge points
// right; a leaf sits just left of its first use (a bias added late would otherwise draw a long
// edge through the boxes between); rows follow the mean row of each node's neighbours.

import { makeFigure, type Annotation, type Figure, type Trace } from "./figure";
import { fixed, fmt } from "./format";
import { BASE_FONT, INK, MUTED, OKABE_ITO } from "./palette";

export interface GraphNode {
  id: string;
  label?: string;
  /** The op that produced this value ("+", "*", "tanh", …); "" for a leaf. */
  op: string;
  data: number;
  grad: number;
}

/** Edges run from an input (child) to the value computed from it (result). */
export interface ValueGraph {
  nodes: readonly GraphNode[];
  edges: readonly { from: string; to: string }[];
}

export interface GraphPlotOptions {
  title?: string;
  /** Decimals shown for data and grad (default 4, as micrograd prints). */
  decimals?: number;
}

const ROW = 86; // px between rows: a three-line box plus a gap
const TARGET_WIDTH = 780; // px: fits JupyterLab's output area with the file browser open
const MIN_COLUMN = 125; // px: a box (~80) plus room for the op circle; below this, boxes would overlap

/** Column of each node: longest path from a leaf; a leaf goes one column left of its first consumer. */
export function graphColumns(graph: ValueGraph): Map<string, number> {
  const inputs = new Map<string, string[]>();
  for (const n of graph.nodes) inputs.set(n.id, []);
  for (const e of graph.edges) {
    if (!inputs.has(e.from) || !inputs.has(e.to)) {
      throw new Error(`graphPlot: edge must join known node ids, got ${e.from} → ${e.to}`);
    }
    inputs.get(e.to)!.push(e.from);
  }
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`graphPlot: graph must be acyclic, got a cycle through ${id}`);
    visiting.add(id);
    const ins = inputs.get(id)!;
    const c = ins.length === 0 ? 0 : 1 + Math.max(...ins.map(visit));
    visiting.delete(id);
    column.set(id, c);
    return c;
  };
  for (const n of graph.nodes) visit(n.id);
  const consumers = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) consumers.get(e.from)!.push(e.to);
  for (const n of graph.nodes) {
    const uses = consumers.get(n.id)!;
    if (inputs.get(n.id)!.length === 0 && uses.length > 0) column.set(n.id, Math.min(...uses.map((u) => column.get(u)!)) - 1);
  }
  return column;
}

function orderRows(graph: ValueGraph, column: Map<string, number>): Map<string, number> {
  const columns: string[][] = [];
  for (const n of graph.nodes) (columns[column.get(n.id)!] ??= []).push(n.id);
  const neighbours = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    neighbours.get(e.to)!.push(e.from);
    neighbours.get(e.from)!.push(e.to);
  }
  const row = new Map<string, number>();
  const place = () => columns.forEach((ids) => ids.forEach((id, i) => row.set(id, i - (ids.length - 1) / 2)));
  place();
  // A few barycenter sweeps, right to left then left to right: enough for lesson-sized graphs.
  for (let sweep = 0; sweep < 4; sweep++) {
    const order = sweep % 2 === 0 ? [...columns.keys()].reverse() : [...columns.keys()];
    for (const c of order) {
      const ids = columns[c];
      if (!ids) continue;
      const key = (id: string) => {
        const ns = neighbours.get(id)!;
        return ns.length ? ns.reduce((s, n) => s + row.get(n)!, 0) / ns.length : row.get(id)!;
      };
      const keys = new Map(ids.map((id) => [id, key(id)]));
      ids.sort((a, b) => keys.get(a)! - keys.get(b)!);
      ids.forEach((id, i) => row.set(id, i - (ids.length - 1) / 2));
    }
  }
  return row;
}

function signColor(v: number): string {
  return v > 0 ? OKABE_ITO.blue : v < 0 ? OKABE_ITO.vermillion : MUTED;
}

export function graphPlot(graph: ValueGraph, options: GraphPlotOptions = {}): Figure {
  if (graph.nodes.length === 0) throw new Error("graphPlot: graph must hold at least one node, got none");
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (ids.has(n.id)) throw new Error(`graphPlot: node ids must be unique, got ${n.id} twice`);
    ids.add(n.id);
  }
  const decimals = options.decimals ?? 4;
  const column = graphColumns(graph);
  const row = orderRows(graph, column);
  const maxCol = Math.max(...[...column.values()]);
  const COLUMN = Math.max(MIN_COLUMN, Math.min(210, TARGET_WIDTH / (maxCol + 1)));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // Pixel coordinates: x to the right, y upward (Plotly), so the first row is at the top.
  const pos = (id: string) => ({ x: column.get(id)! * COLUMN, y: -row.get(id)! * ROW });
  const opPos = (id: string) => ({ x: pos(id).x - COLUMN * 0.5, y: pos(id).y });
  const hasOp = (id: string) => byId.get(id)!.op !== "";

  const ex: (number | null)[] = [];
  const ey: (number | null)[] = [];
  const segment = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    ex.push(a.x, b.x, null);
    ey.push(a.y, b.y, null);
  };
  for (const e of graph.edges) segment(pos(e.from), hasOp(e.to) ? opPos(e.to) : pos(e.to));
  for (const n of graph.nodes) if (hasOp(n.id)) segment(opPos(n.id), pos(n.id));

  const ops = graph.nodes.filter((n) => hasOp(n.id));
  const name = (n: GraphNode) => n.label || n.id;
  const data: Trace[] = [
    { type: "scatter", mode: "lines", name: "edges (input → result)", x: ex, y: ey, line: { color: "#9A9A9A", width: 1.5 }, hoverinfo: "skip", showlegend: false },
    {
      type: "scatter", mode: "markers+text", name: "ops",
      x: ops.map((n) => opPos(n.id).x), y: ops.map((n) => opPos(n.id).y),
      text: ops.map((n) => n.op), textfont: { size: 12, color: INK },
      marker: { size: 34, color: "#FFF4D6", line: { color: OKABE_ITO.orange, width: 1.5 } },
      hovertext: ops.map((n) => `op ${n.op} → ${name(n)}`), hoverinfo: "text", showlegend: false,
    },
    {
      type: "scatter", mode: "markers", name: "values",
      x: graph.nodes.map((n) => pos(n.id).x), y: graph.nodes.map((n) => pos(n.id).y),
      marker: { size: 60, color: "rgba(0,0,0,0)", symbol: "square" },
      hovertext: graph.nodes.map((n) => `<b>${name(n)}</b>${n.op ? ` = ${n.op}(…)` : " (leaf)"}<br>data ${fmt(n.data, 6)}<br>grad ${fmt(n.grad, 6)}`),
      hoverinfo: "text", showlegend: false,
    },
  ];
  const annotations: Annotation[] = graph.nodes.map((n) => ({
    x: pos(n.id).x, y: pos(n.id).y, xref: "x", yref: "y", showarrow: false, align: "center",
    text: `<b>${name(n)}</b><br>data ${fixed(n.data, decimals)}<br><span style="color:${signColor(n.grad)}">grad ${fixed(n.grad, decimals)}</span>`,
    font: { size: 11, color: INK }, bgcolor: "#FFFFFF", bordercolor: INK, borderwidth: 1, borderpad: 3,
  }));

  const rows = Math.max(...[...row.values()].map((r) => Math.abs(r))) * 2 + 1;
  const width = Math.max(420, Math.round((maxCol + 1) * COLUMN + 20));
  const height = Math.max(260, rows * ROW + 110);
  const out = graph.nodes.find((n) => column.get(n.id) === maxCol)!;
  const layout = {
    title: { text: options.title ?? `Computation graph of ${name(out)} (after backward)`, x: 0.02, xanchor: "left" as const, font: { size: 17, color: INK } },
    xaxis: { visible: false, range: [-COLUMN * 0.5, maxCol * COLUMN + COLUMN * 0.5], fixedrange: true },
    yaxis: { visible: false, range: [-(rows / 2) * ROW, (rows / 2) * ROW], fixedrange: true },
    annotations,
    showlegend: false,
    width,
    height,
    margin: { l: 10, r: 10, t: 50, b: 30 },
    font: BASE_FONT,
    hovermode: "closest" as const,
    plot_bgcolor: "#FFFFFF",
    paper_bgcolor: "#FFFFFF",
  };
  return makeFigure({ data, layout }, [
    `${graph.nodes.length} values, ${ops.length} ops, ${maxCol + 1} columns`,
    ...graph.nodes.map((n) => `${name(n)}${n.op ? ` (${n.op})` : ""}: data ${fmt(n.data)}, grad ${fmt(n.grad)}`),
  ], { traceLines: false });
}
