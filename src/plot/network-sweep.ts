// networkSweep: lesson 003's animation of one training step through a small fully connected net.
//
// Forward beats light the neurons left to right (amber) with their activations; backward beats
// light them right to left (orange-red) with each neuron's δ beneath; a closing beat re-runs the
// forward pass with the updated weights and shows the loss tick down. Plotly frames, a play/pause
// button and a step slider; the numbers come in plain (the lesson computes them).

import { makeFigure, type Annotation, type Figure, type Frame, type Layout, type Trace } from "./figure";
import { fixed, fmt } from "./format";
import { BACKWARD_COLOR, BASE_FONT, FORWARD_COLOR, IDLE_COLOR, INK, MUTED } from "./palette";

export interface NetworkSweepInput {
  /** Neurons per layer, input first: [2, 2, 1]. */
  layerSizes: readonly number[];
  /** Activations per layer, input first (the input layer's are the inputs x). */
  activations: readonly (readonly number[])[];
  /** δ = ∂L/∂z per layer after the input (one array per non-input layer). */
  deltas: readonly (readonly number[])[];
  lossBefore: number;
  lossAfter: number;
  /** Activations per layer from the forward pass after the update. */
  activationsAfter: readonly (readonly number[])[];
  /** Column captions, input first (default "input x", "hidden 1", …, "output ŷ"). */
  layerNames?: readonly string[];
  /** Target, shown in the first caption when given. */
  target?: readonly number[];
  title?: string;
  /** Milliseconds per beat when playing (default 1400). */
  beatMs?: number;
}

type Lit = "idle" | "forward" | "backward";

interface Beat {
  name: string;
  header: string;
  headerColor: string;
  caption: string;
  lit: Lit[]; // per layer
  values: (readonly number[] | null)[]; // activation text per layer (null: not computed yet)
  deltas: (readonly number[] | null)[]; // δ text per layer
  wires: { from: number; color: string } | null; // highlighted wires between layer `from` and `from + 1`
  loss: string;
}

function check(input: NetworkSweepInput): void {
  const L = input.layerSizes.length;
  if (L < 2) throw new Error(`networkSweep: layerSizes must list at least 2 layers, got [${input.layerSizes.join(", ")}]`);
  const sizes = (name: string, arr: readonly (readonly number[])[], offset: number) => {
    if (arr.length !== L - offset) {
      throw new Error(`networkSweep: ${name} must hold ${L - offset} layers, got ${arr.length}`);
    }
    arr.forEach((layer, i) => {
      if (layer.length !== input.layerSizes[i + offset]) {
        throw new Error(`networkSweep: ${name}[${i}] must hold ${input.layerSizes[i + offset]} numbers (layer ${i + offset}), got ${layer.length}`);
      }
      if (layer.some((v) => !Number.isFinite(v))) throw new Error(`networkSweep: ${name}[${i}] must be finite, got [${layer.join(", ")}]`);
    });
  };
  sizes("activations", input.activations, 0);
  sizes("activationsAfter", input.activationsAfter, 0);
  sizes("deltas", input.deltas, 1);
}

function beats(input: NetworkSweepInput, names: readonly string[]): Beat[] {
  const L = input.layerSizes.length;
  const none = () => new Array<null>(L).fill(null) as (readonly number[] | null)[];
  const out: Beat[] = [];
  const lossBefore = `loss L = ${fixed(input.lossBefore, 3)}`;
  const x = input.activations[0];
  const target = input.target ? `, target y = ${input.target.map((v) => fixed(v, 2)).join(", ")}` : "";
  // Forward beats: layer 0 is the input, then each layer lights up once its activations exist.
  for (let l = 0; l < L; l++) {
    const lit = input.layerSizes.map((_, i) => (i <= l ? "forward" : "idle") as Lit);
    const values = none();
    for (let i = 0; i <= l; i++) values[i] = input.activations[i];
    const caption =
      l === 0
        ? `Input x = [${x.map((v) => fixed(v, 2)).join(", ")}]${target}`
        : l === L - 1
          ? `${names[l]}: prediction ${input.activations[l].map((v) => fixed(v, 3)).join(", ")}, ${lossBefore}`
          : `${names[l]}: each neuron computes a = σ(W·a_prev + b)`;
    out.push({
      name: l === 0 ? "input" : `forward ${l}`, header: "forward →", headerColor: FORWARD_COLOR, caption, lit, values,
      deltas: none(), wires: l > 0 ? { from: l - 1, color: FORWARD_COLOR } : null, loss: l === L - 1 ? lossBefore : "",
    });
  }
  // Backward beats: δ appears at the output first, then flows back one layer per beat.
  for (let l = L - 1; l >= 1; l--) {
    const lit = input.layerSizes.map((_, i) => (i >= l ? "backward" : "idle") as Lit);
    const deltas = none();
    for (let i = l; i < L; i++) deltas[i] = input.deltas[i - 1];
    const caption =
      l === L - 1
        ? `δ at the output = (ŷ − y)·σ'(z): ${input.deltas[l - 1].map((v) => fixed(v, 3)).join(", ")}`
        : `δ sent back through the weights, times σ': ${input.deltas[l - 1].map((v) => fixed(v, 3)).join(", ")}`;
    out.push({
      name: `backward ${l}`, header: "← backward", headerColor: BACKWARD_COLOR, caption, lit,
      values: [...input.activations], deltas, wires: l < L - 1 ? { from: l, color: BACKWARD_COLOR } : null, loss: lossBefore,
    });
  }
  const after = `loss L ${fixed(input.lossBefore, 3)} → ${fixed(input.lossAfter, 3)}`;
  const yHat = input.activationsAfter[L - 1];
  out.push({
    name: "after update", header: "forward →", headerColor: FORWARD_COLOR,
    caption: `Weights stepped downhill (w ← w − η·∂L/∂w); forward again: ŷ ${input.activations[L - 1].map((v) => fixed(v, 3)).join(", ")} → ${yHat.map((v) => fixed(v, 3)).join(", ")}`,
    lit: input.layerSizes.map(() => "forward" as Lit), values: [...input.activationsAfter], deltas: none(), wires: null, loss: after,
  });
  return out;
}

export function networkSweep(input: NetworkSweepInput): Figure {
  check(input);
  const sizes = input.layerSizes;
  const L = sizes.length;
  const names = input.layerNames ?? sizes.map((_, i) => (i === 0 ? "input x" : i === L - 1 ? "output ŷ" : L === 3 ? "hidden a" : `hidden ${i}`));
  const maxSize = Math.max(...sizes);
  // Neuron positions: layer i at x = i, neurons spread vertically and centred.
  const pos = sizes.map((n, i) => Array.from({ length: n }, (_, j) => ({ x: i, y: (n - 1) / 2 - j })));
  const flat = pos.flat();
  const layerOf = sizes.flatMap((n, i) => new Array<number>(n).fill(i));

  const wires = (from: number) => {
    const xs: (number | null)[] = [];
    const ys: (number | null)[] = [];
    for (const a of pos[from]) for (const b of pos[from + 1]) xs.push(a.x, b.x, null), ys.push(a.y, b.y, null);
    return { xs, ys };
  };
  const allWires = { xs: [] as (number | null)[], ys: [] as (number | null)[] };
  for (let l = 0; l < L - 1; l++) {
    const w = wires(l);
    allWires.xs.push(...w.xs);
    allWires.ys.push(...w.ys);
  }

  const color = (lit: Lit) => (lit === "forward" ? FORWARD_COLOR : lit === "backward" ? BACKWARD_COLOR : IDLE_COLOR);
  const stateTraces = (b: Beat): Trace[] => {
    const w = b.wires ? wires(b.wires.from) : { xs: [], ys: [] };
    return [
      { type: "scatter", mode: "lines", x: w.xs, y: w.ys, line: { color: b.wires?.color ?? FORWARD_COLOR, width: 4 } },
      {
        type: "scatter", mode: "markers+text", x: flat.map((p) => p.x), y: flat.map((p) => p.y),
        marker: { size: 62, color: layerOf.map((l) => color(b.lit[l])), line: { color: INK, width: 1.5 } },
        text: layerOf.map((l, k) => {
          const v = b.values[l];
          return v ? fixed(v[k - pos.slice(0, l).flat().length], 3) : "";
        }),
        textfont: { size: 14, color: layerOf.map((l) => (b.lit[l] === "backward" ? "#FFFFFF" : INK)) },
        hovertext: layerOf.map((l, k) => {
          const j = k - pos.slice(0, l).flat().length;
          const a = b.values[l] ? `activation ${fmt(b.values[l]![j], 5)}` : "not computed yet";
          const d = b.deltas[l] ? `<br>δ ${fmt(b.deltas[l]![j], 5)}` : "";
          return `<b>${names[l]} #${j + 1}</b><br>${a}${d}`;
        }),
      },
      {
        type: "scatter", mode: "text", x: flat.map((p) => p.x), y: flat.map((p) => p.y - 0.47), // below the circle (radius ≈ 0.31 units), not across its edge
        text: layerOf.map((l, k) => {
          const d = b.deltas[l];
          return d ? `δ = ${fixed(d[k - pos.slice(0, l).flat().length], 3)}` : "";
        }),
        textfont: { size: 14, color: BACKWARD_COLOR },
      },
    ];
  };

  const top = (maxSize - 1) / 2;
  const staticNotes: Annotation[] = names.map((n, i) => ({
    x: i, y: -top - 0.8, xref: "x", yref: "y", text: `<b>${n}</b>`, showarrow: false, font: { size: 13, color: MUTED },
  }));
  const notes = (b: Beat): Annotation[] => [
    ...staticNotes,
    { x: 0, y: 1.13, xref: "paper", yref: "paper", xanchor: "left", text: `<b>${b.header}</b>`, showarrow: false, font: { size: 20, color: b.headerColor } },
    { x: 1, y: 1.13, xref: "paper", yref: "paper", xanchor: "right", text: b.loss ? `<b>${b.loss}</b>` : "", showarrow: false, font: { size: 15, color: INK } },
    { x: 0, y: 1.04, xref: "paper", yref: "paper", xanchor: "left", text: b.caption, showarrow: false, font: { size: 13, color: INK } },
  ];

  const all = beats(input, names);
  const beatMs = input.beatMs ?? 1400;
  const animate = (names: (string | null)[] | null, ms: number) => [names, { mode: "immediate", fromcurrent: true, frame: { duration: ms, redraw: true }, transition: { duration: 0 } }];
  const frames: Frame[] = all.map((b) => ({ name: b.name, traces: [1, 2, 3], data: stateTraces(b), layout: { annotations: notes(b) } }));

  const first = stateTraces(all[0]);
  const data: Trace[] = [
    { type: "scatter", mode: "lines", name: "weights", x: allWires.xs, y: allWires.ys, line: { color: "#C8C8C8", width: 1.5 }, hoverinfo: "skip", showlegend: false },
    { ...first[0], name: "active wires", hoverinfo: "skip", showlegend: false },
    { ...first[1], name: "neurons (activation inside)", hoverinfo: "text", showlegend: false },
    { ...first[2], name: "δ beneath", hoverinfo: "skip", showlegend: false },
  ];
  const height = Math.max(380, maxSize * 120 + 260);
  const layout: Layout = {
    title: { text: input.title ?? `One training step of a ${sizes.join("-")} network: forward, then backward`, x: 0.02, xanchor: "left", y: 0.985, yanchor: "top", font: { size: 17, color: INK } },
    xaxis: { visible: false, range: [-0.5, L - 0.5], fixedrange: true },
    yaxis: { visible: false, range: [-top - 1.05, top + 0.6], fixedrange: true },
    annotations: notes(all[0]),
    showlegend: false,
    height,
    margin: { l: 20, r: 50, t: 110, b: 110 },
    font: BASE_FONT,
    hovermode: "closest",
    plot_bgcolor: "#FFFFFF",
    paper_bgcolor: "#FFFFFF",
    updatemenus: [{
      type: "buttons", direction: "left", showactive: false, x: 0, y: 0, xanchor: "left", yanchor: "top", pad: { t: 50, r: 10 },
      buttons: [
        { label: "▶ Play", method: "animate", args: animate(null, beatMs) },
        { label: "❚❚ Pause", method: "animate", args: [[null], { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } }] },
      ],
    }],
    sliders: [{
      active: 0, x: 0.22, len: 0.72, y: 0, yanchor: "top", pad: { t: 40 },
      currentvalue: { prefix: "beat: ", font: { size: 13 } },
      steps: all.map((b) => ({ label: b.name, method: "animate", args: animate([b.name], 0) })),
    }],
  };
  return makeFigure({ data, layout, frames }, [
    `forward left to right, backward right to left (δ per neuron), then forward again after the update`,
    `prediction ${input.activations[L - 1].map((v) => fmt(v)).join(", ")} → ${input.activationsAfter[L - 1].map((v) => fmt(v)).join(", ")}; loss ${fmt(input.lossBefore)} → ${fmt(input.lossAfter)}`,
  ], { traceLines: false });
}
