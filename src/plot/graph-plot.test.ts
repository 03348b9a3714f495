// graphPlot: a Value graph laid out by depth, with data and grad on each value box.
import { describe, expect, it } from "vitest";
import { graphColumns, graphPlot, type ValueGraph } from "./graph-plot";

// micrograd's README neuron: o = tanh(x1·w1 + x2·w2 + b), after backward.
const neuron: ValueGraph = {
  nodes: [
    { id: "x1", label: "x1", op: "", data: 2, grad: -1.5 },
    { id: "w1", label: "w1", op: "", data: -3, grad: 1 },
    { id: "x2", label: "x2", op: "", data: 0, grad: 0.5 },
    { id: "w2", label: "w2", op: "", data: 1, grad: 0 },
    { id: "x1w1", label: "x1*w1", op: "*", data: -6, grad: 0.5 },
    { id: "x2w2", label: "x2*w2", op: "*", data: 0, grad: 0.5 },
    { id: "sum", label: "x1w1+x2w2", op: "+", data: -6, grad: 0.5 },
    { id: "b", label: "b", op: "", data: 6.8813735870195432, grad: 0.5 },
    { id: "n", label: "n", op: "+", data: 0.8813735870195432, grad: 0.5 },
    { id: "o", label: "o", op: "tanh", data: 0.7071067811865476, grad: 1 },
  ],
  edges: [
    { from: "x1", to: "x1w1" }, { from: "w1", to: "x1w1" }, { from: "x2", to: "x2w2" }, { from: "w2", to: "x2w2" },
    { from: "x1w1", to: "sum" }, { from: "x2w2", to: "sum" }, { from: "sum", to: "n" }, { from: "b", to: "n" }, { from: "n", to: "o" },
  ],
};

describe("graphPlot", () => {
  it("puts each value in the column of its longest path from a leaf, and leaves just before their use", () => {
    const c = graphColumns(neuron);
    expect(["x1", "w1", "x2", "w2", "b"].map((id) => c.get(id))).toEqual([0, 0, 0, 0, 2]);
    expect([c.get("x1w1"), c.get("sum"), c.get("n"), c.get("o")]).toEqual([1, 2, 3, 4]);
  });

  it("draws edges, op circles and value boxes showing data and grad", () => {
    const fig = graphPlot(neuron);
    expect(fig.data.map((t) => t.name)).toEqual(["edges (input → result)", "ops", "values"]);
    expect(fig.data[1].text).toEqual(["*", "*", "+", "+", "tanh"]);
    // 9 input edges + 5 op→value links, each a segment of 3 points (start, end, gap).
    expect(fig.data[0].x).toHaveLength((9 + 5) * 3);
    const boxes = fig.layout.annotations!;
    expect(boxes).toHaveLength(10);
    const o = boxes.find((a) => a.text.startsWith("<b>o</b>"))!;
    expect(o.text).toContain("data 0.7071");
    expect(o.text).toContain("grad 1.0000");
    expect(boxes.find((a) => a.text.startsWith("<b>x1</b>"))!.text).toContain("grad \u22121.5000");
    // Left to right: every edge's input sits left of its result.
    const x = new Map(neuron.nodes.map((n, i) => [n.id, fig.data[2].x![i] as number]));
    for (const e of neuron.edges) expect(x.get(e.from)!).toBeLessThan(x.get(e.to)!);
    expect(fig.layout.title.text).toBe("Computation graph of o (after backward)");
    expect(fig.layout.xaxis?.visible).toBe(false);
  });

  it("names bad graphs", () => {
    expect(() => graphPlot({ nodes: [], edges: [] })).toThrow("graphPlot: graph must hold at least one node, got none");
    const a = { id: "a", op: "", data: 1, grad: 0 };
    expect(() => graphPlot({ nodes: [a], edges: [{ from: "a", to: "z" }] })).toThrow("graphPlot: edge must join known node ids, got a → z");
    expect(() => graphPlot({ nodes: [a, { ...a }], edges: [] })).toThrow("graphPlot: node ids must be unique, got a twice");
    const cyc = { nodes: [{ ...a, op: "+" }, { id: "b", op: "+", data: 1, grad: 0 }], edges: [{ from: "a", to: "b" }, { from: "b", to: "a" }] };
    expect(() => graphPlot(cyc)).toThrow(/graphPlot: graph must be acyclic, got a cycle through/);
  });
});
