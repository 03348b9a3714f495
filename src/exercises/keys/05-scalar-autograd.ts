// Answer key of 05-scalar-autograd: the learner's own engine (add, mul, tanh, topoOrder, backward), run on fresh graphs here.
//
// Every graph a check needs is built in the check itself from the learner's functions and the locked engine cells
// (Node, leaf, pow, relu, …); the nodes' numbers are read as own data properties, never through getters.

import { call } from "./call";
import { computedItem, type AnswerKey } from "../key";
import { readField, readList } from "../answer-data";
import { Value } from "../../scalar/value";

type Answers = { readonly [name: string]: unknown };
const num = (what: string, node: unknown, key = "grad") => readField(what, node, key);

/** leaf(x) and leaf(y) combined by the learner's op, the output seeded with `upstream` and stepped `steps` times. */
function binary(a: Answers, op: "add" | "mul", x: number, y: number, upstream: number, steps: number) {
  const left = call(a.leaf, x), right = call(a.leaf, y), out = call(a[op], left, right) as { grad: number; backwardStep: () => void };
  if (steps > 0) {
    out.grad = upstream;
    for (let i = 0; i < steps; i++) call(readField("out", out, "backwardStep"));
  }
  return { left, right, out };
}

const upstream = [{ value: 1, hint: "Multiply by the upstream gradient out.grad (5 here), not by 1: ∂L/∂a = out.grad · 1." }];
const t05 = Math.tanh(0.5);

// The module's engine on the same neuron, for the expected gradients.
const [tvx1, tvx2, tvw1, tvw2, tvb] = [2, 0, -3, 1, 6.881373587019543].map((v) => new Value(v));
tvx1.mul(tvw1).add(tvx2.mul(tvw2)).add(tvb).tanh().backward();

/** The lecture's neuron built with the learner's ops, then the learner's backward on it. */
function neuron(a: Answers) {
  const [x1, x2, w1, w2, b] = [2, 0, -3, 1, 6.881373587019543].map((v) => call(a.leaf, v));
  const n = call(a.add, call(a.add, call(a.mul, x1, w1), call(a.mul, x2, w2)), b);
  const o = call(a.tanh, n);
  call(a.backward, o);
  return { x1, x2, w1, w2, b, n, o };
}
const seed = { value: 0, hint: "This gradient is 0: seed the root with root.grad = 1, and walk the nodes in REVERSE topological order (in forward order a node pushes gradient down before it has received any)." };
const neuronGrad = (node: "o" | "n" | "x1" | "w1" | "x2" | "w2" | "b") => (a: Answers) => num(`${node}.grad`, neuron(a)[node]);

/** The graph y = x·x + x, listed by the learner's topoOrder. */
function topo(a: Answers) {
  const x = call(a.leaf, 3, "x"), sq = call(a.mul, x, x), y = call(a.add, sq, x);
  return { y, list: readList("topoOrder(y)", call(a.topoOrder, y)) ?? [] };
}
function childrenFirst(list: unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const children = readList("children", readField("node", list[i], "children")) ?? [];
    for (const c of children) if (!(list.indexOf(c) < i && list.indexOf(c) >= 0)) return false;
  }
  return true;
}

function readme(a: Answers) {
  const r = call(a.readmeExample) as { a: unknown; b: unknown; g: unknown };
  call(a.backward, readField("readme", r, "g"));
  return { g: readField("readme", r, "g"), a: readField("readme", r, "a"), b: readField("readme", r, "b") };
}


export const key05: AnswerKey = {
  "ch05-add": {
    items: [
      computedItem("add(2, -3).data", { from: (a) => num("out.data", binary(a, "add", 2, -3, 5, 0).out, "data"), number: -1 }),
      computedItem("a.grad (upstream 5)", { from: (a) => num("a.grad", binary(a, "add", 2, -3, 5, 1).left), number: 5, mistakes: [...upstream, { value: 0, hint: "backwardStep must add out.grad into a.grad." }], hint: "∂(a + b)/∂a = 1: a.grad += out.grad." }),
      computedItem("b.grad (upstream 5)", { from: (a) => num("b.grad", binary(a, "add", 2, -3, 5, 1).right), number: 5, mistakes: [...upstream, { value: 0, hint: "Both inputs get gradient: add out.grad into b.grad too." }], hint: "∂(a + b)/∂b = 1: b.grad += out.grad." }),
    ],
  },
  // The instructor's hidden test (its check call is removed from every release).
  "ch05-add-hidden": {
    answer: "ch05-add",
    items: [computedItem("a.grad after a second backwardStep", { from: (a) => num("a.grad", binary(a, "add", 2, -3, 5, 2).left), number: 10, mistakes: [{ value: 5, hint: "Accumulate with +=, don't overwrite with =." }] })],
  },
  "ch05-mul": {
    items: [
      computedItem("mul(2, -3).data", { from: (a) => num("out.data", binary(a, "mul", 2, -3, 4, 0).out, "data"), number: -6 }),
      computedItem("a.grad (a = 2, b = −3, upstream 4)", { from: (a) => num("a.grad", binary(a, "mul", 2, -3, 4, 1).left), number: -12, mistakes: [
        { value: 8, hint: "Swapped: ∂(a·b)/∂a is b, the OTHER input, so a.grad += b.data · out.grad." },
        { value: -3, hint: "Multiply by the upstream gradient out.grad (4 here)." },
        { value: 4, hint: "That is out.grad alone: multiplication scales it by the other input, b." },
      ], hint: "∂(a·b)/∂a = b." }),
      computedItem("b.grad (a = 2, b = −3, upstream 4)", { from: (a) => num("b.grad", binary(a, "mul", 2, -3, 4, 1).right), number: 8, mistakes: [
        { value: -12, hint: "Swapped: ∂(a·b)/∂b is a, so b.grad += a.data · out.grad." },
        { value: 2, hint: "Multiply by the upstream gradient out.grad (4 here)." },
      ], hint: "∂(a·b)/∂b = a." }),
    ],
  },
  "ch05-tanh": {
    items: [computedItem("a.grad (a = 0.5, upstream 2)", {
      from: (a) => {
        const input = call(a.leaf, 0.5), out = call(a.tanh, input) as { grad: number };
        out.grad = 2;
        call(readField("out", out, "backwardStep"));
        return num("a.grad", input);
      },
      number: 2 * (1 - t05 * t05), mistakes: [
        { value: 1 - t05 * t05, hint: "Multiply by the upstream gradient out.grad (2 here)." },
        { value: 2 * (1 - 0.25), hint: "tanh' = 1 − tanh²(a), the square of the OUTPUT t, not of the input a." },
        { value: 2 * t05 * (1 - t05), hint: "t(1 − t) is the sigmoid's slope. tanh's is 1 − t²." },
        { value: 2 * (1 + t05 * t05), hint: "Sign: tanh' = 1 − t²." },
      ], hint: "tanh'(a) = 1 − t², with t the output." })],
  },
  "ch05-topo": {
    items: [
      computedItem("nodes listed", { from: (a) => topo(a).list.length, number: 3, mistakes: [
        { value: 4, hint: "x is listed twice: it is reached along two paths. Keep a Set of visited nodes and skip one already seen." },
        { value: 5, hint: "x is listed three times (it appears in x·x twice and in + once): keep a Set of visited nodes." },
        { value: 0, hint: "Nothing listed: start the search at the root." },
      ] }),
      computedItem("the root comes last", { from: (a) => { const { y, list } = topo(a); return list[list.length - 1] === y; }, boolean: true, hint: "Append a node only after all its children (post-order), so the root, which depends on everything, ends up last." }),
      computedItem("every node after its children", { from: (a) => childrenFirst(topo(a).list), boolean: true, hint: "Visit the children first, then push the node." }),
    ],
  },
  "ch05-backward": {
    items: [
      computedItem("o.grad", { from: neuronGrad("o"), number: 1, mistakes: [{ value: 0, hint: "Seed the root: root.grad = 1 (∂o/∂o)." }] }),
      computedItem("n.grad", { from: neuronGrad("n"), number: 0.5, mistakes: [seed], hint: "n.grad = tanh'(n) = 1 − o²: check the tanh rule, and that the walk runs in REVERSE topological order." }),
      computedItem("x1.grad", { from: neuronGrad("x1"), number: tvx1.grad, mistakes: [seed], hint: "Compare with the module: Value gives " + tvx1.grad.toFixed(4) + "." }),
      computedItem("w1.grad", { from: neuronGrad("w1"), number: tvw1.grad, mistakes: [seed] }),
      computedItem("x2.grad", { from: neuronGrad("x2"), number: tvx2.grad, mistakes: [seed] }),
      computedItem("w2.grad", { from: neuronGrad("w2"), number: tvw2.grad }),
    ],
  },
  "ch05-backward-hidden": {
    answer: "ch05-backward",
    items: [computedItem("b.grad", { from: neuronGrad("b"), number: tvb.grad })],
  },
  "ch05-zeroing": {
    items: [["gradAfterTwo", { number: 12, mistakes: [
      { value: 6, hint: "6 is df/da = 2a after ONE backward pass. The second pass adds another 6 to the same node, because nothing zeroed it." },
      { value: 3, hint: "df/da for f = a·a is 2a = 6, and the second backward adds another 6." },
      { value: 36, hint: "Gradients add between backward passes; they do not multiply." },
      { value: 9, hint: "9 is f itself. Its derivative is 2a = 6, added twice." },
    ], hint: "df/da = 2a after one pass; what does a second pass add?" }]],
  },
  "ch05-readme": {
    items: [
      computedItem("g", { from: (a) => num("g.data", readme(a).g, "data"), number: 24.70408163265306, tolerance: 1e-9 }),
      computedItem("dg/da", { from: (a) => num("a.grad", readme(a).a), number: 138.83381924198252, tolerance: 1e-9, hint: "If add or mul overwrite (=) instead of accumulating (+=), every reused node (c and d are reused many times) loses gradient." }),
      computedItem("dg/db", { from: (a) => num("b.grad", readme(a).b), number: 645.5772594752186, tolerance: 1e-9, hint: "Check pow's rule and that backward walks the whole graph in reverse topological order." }),
    ],
  },
};
