// ch05-mlp and ch05-moons: a learner's MLP on their own 05 engine passes when right, and each typical slip is named.
import { describe, expect, it } from "vitest";
import { check } from "./check";
import { recordDisplays, thrown } from "./test-helpers";
import { MOONS, refLosses, type StepSlip } from "./keys/05-scalar-mlp";
import { moons } from "../data/toy";
import { NumpyRandom } from "../core/random";

// The engine a learner builds in 05, as its cells define it.
class Node {
  grad = 0;
  backwardStep: () => void = () => {};
  constructor(public data: number, public children: Node[] = []) {}
}
const leaf = (data: number) => new Node(data);
function add(a: Node, b: Node): Node {
  const out = new Node(a.data + b.data, [a, b]);
  out.backwardStep = () => { a.grad += out.grad; b.grad += out.grad; };
  return out;
}
function mul(a: Node, b: Node): Node {
  const out = new Node(a.data * b.data, [a, b]);
  out.backwardStep = () => { a.grad += b.data * out.grad; b.grad += a.data * out.grad; };
  return out;
}
function tanh(a: Node): Node {
  const t = Math.tanh(a.data);
  const out = new Node(t, [a]);
  out.backwardStep = () => { a.grad += (1 - t * t) * out.grad; };
  return out;
}
function relu(a: Node): Node {
  const out = new Node(Math.max(0, a.data), [a]);
  out.backwardStep = () => { a.grad += (out.data > 0 ? 1 : 0) * out.grad; };
  return out;
}
function backward(root: Node): void {
  const order: Node[] = [], seen = new Set<Node>();
  const visit = (v: Node) => { if (seen.has(v)) return; seen.add(v); v.children.forEach(visit); order.push(v); };
  visit(root);
  root.grad = 1;
  for (const v of order.reverse()) v.backwardStep();
}

// The notebook's setup cell.
type Layer = { w: Node[][]; b: Node[] };
const parameters = (layers: Layer[]) => layers.flatMap((layer) => [...layer.w.flat(), ...layer.b]);
function hingeLoss(scores: Node[], ys: number[]): Node {
  let total = leaf(0);
  scores.forEach((s, i) => { total = add(total, relu(add(leaf(1), mul(leaf(-ys[i]), s)))); });
  return mul(total, leaf(1 / scores.length));
}

/** The learner's forward; `linear` leaves tanh out, as a learner who forgot the nonlinearity would. */
function forwardOf(linear = false) {
  return (layers: Layer[], x: number[]): Node => {
    let h = x.map((v) => leaf(v));
    layers.forEach((layer, l) => {
      h = layer.w.map((row, j) => {
        let s = layer.b[j];
        for (let k = 0; k < row.length; k++) s = add(s, mul(row[k], h[k]));
        return l < layers.length - 1 && !linear ? tanh(s) : s;
      });
    });
    return h[0];
  };
}

/** The learner's training step, right or with one slip. */
function stepOf(slip: StepSlip = "right", forward = forwardOf()) {
  return (layers: Layer[], xs: number[][], ys: number[], lr: number): number => {
    const loss = hingeLoss(xs.map((x) => forward(layers, x)), ys);
    const update = (sign: number) => parameters(layers).forEach((p) => (p.data -= sign * lr * p.grad));
    if (slip === "stepBeforeBackward") update(1);
    if (slip !== "noZeroGrad") parameters(layers).forEach((p) => (p.grad = 0));
    backward(loss);
    if (slip === "zeroAfterBackward") parameters(layers).forEach((p) => (p.grad = 0));
    if (slip !== "stepBeforeBackward") update(slip === "uphill" ? -1 : 1);
    return loss.data;
  };
}

/** The notebook's model and training run: 2→16→16→1 from NumpyRandom(0), `steps` full-batch steps. */
function train(steps: number, forward = forwardOf()) {
  const rng = new NumpyRandom(0);
  const makeLayer = (nIn: number, nOut: number): Layer => ({
    w: Array.from({ length: nOut }, () => Array.from(rng.uniform(-1, 1, nIn), (v) => leaf(v))),
    b: Array.from({ length: nOut }, () => leaf(0)),
  });
  const model = [makeLayer(2, 16), makeLayer(16, 16), makeLayer(16, 1)];
  const data = moons(MOONS.samples, { noise: MOONS.noise, seed: MOONS.seed });
  const xs = data.y.map((_, i) => [data.x.data[2 * i], data.x.data[2 * i + 1]]);
  const ys = data.y.map((label) => 2 * label - 1);
  const step = stepOf("right", forward);
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) losses.push(step(model, xs, ys, 1 - (0.9 * k) / steps));
  return { model, losses };
}

const answers = (mlpForward = forwardOf(), trainStep = stepOf()) => ({ mlpForward, trainStep, leaf, backward });

describe("the scalar-MLP key (05)", () => {
  it("every training slip gives its own losses, none of them the right ones", () => {
    const slips: StepSlip[] = ["right", "noZeroGrad", "uphill", "zeroAfterBackward", "stepBeforeBackward"];
    const runs = slips.map((s) => refLosses(s));
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) expect(Math.max(...runs[i].map((v, k) => Math.abs(v - runs[j][k]))), `${slips[i]} vs ${slips[j]}`).toBeGreaterThan(1e-6);
    }
  });

  it("passes a right forward and training step with a ✓ per item", () => {
    const shown = recordDisplays();
    try {
      check("ch05-mlp", () => answers());
    } finally {
      shown.stop();
    }
    expect(shown.bundles).toHaveLength(3);
  });

  it("names the missing nonlinearity and a forward cut off from the weights", () => {
    expect(thrown(() => check("ch05-mlp", () => answers(forwardOf(true)))).message).toMatch(/That is the network with no tanh/);
    const detached = (layers: Layer[], x: number[]) => leaf(forwardOf()(layers, x).data);
    expect(thrown(() => check("ch05-mlp", () => answers(detached))).message).toMatch(/w\[0\]\[0\]\.grad .* The first layer's weights got no gradient/);
  });

  it("names each slip of the training step", () => {
    const expected: [StepSlip, RegExp][] = [
      ["noZeroGrad", /The gradients were never zeroed/],
      ["uphill", /the step goes uphill/],
      ["zeroAfterBackward", /The loss never changes/],
      ["stepBeforeBackward", /The update runs before backward/],
    ];
    for (const [slip, message] of expected) expect(thrown(() => check("ch05-mlp", () => answers(forwardOf(), stepOf(slip)))).message, slip).toMatch(message);
    const returnsNode = (layers: Layer[], xs: number[][], ys: number[], lr: number) => hingeLoss(xs.map((x) => forwardOf()(layers, x)), ys) as unknown as number;
    expect(thrown(() => check("ch05-mlp", () => answers(forwardOf(), returnsNode))).message).toMatch(/trainStep must return the loss as a number \(loss\.data\), got object/);
  });

  it("passes a model trained as the notebook trains it, and explains a linear one that falls short", { timeout: 120_000 }, () => {
    const trained = train(30);
    const shown = recordDisplays();
    try {
      check("ch05-moons", () => ({ model: trained.model, mlpForward: forwardOf(), trainStep: stepOf(), leaf, losses: trained.losses }));
    } finally {
      shown.stop();
    }
    expect(shown.bundles).toHaveLength(1);
    const linear = train(5, forwardOf(true));
    const message = thrown(() => check("ch05-moons", () => ({ model: linear.model, mlpForward: forwardOf(true), trainStep: stepOf("right", forwardOf(true)), leaf, losses: linear.losses }))).message;
    expect(message).toMatch(/^Training accuracy is \d+% \(the target is 95%\): your network is a linear function of its input\. Without tanh/);
    const short = train(1);
    expect(thrown(() => check("ch05-moons", () => ({ model: short.model, mlpForward: forwardOf(), trainStep: stepOf(), leaf, losses: [0.9, 0.8] }))).message).toMatch(/though the loss fell from 0\.9000 to 0\.8000: too few steps/);
  });

  it("names the training step's slip when the model falls short", () => {
    const untrained = train(0);
    const message = thrown(() => check("ch05-moons", () => ({ model: untrained.model, mlpForward: forwardOf(), trainStep: stepOf("noZeroGrad"), leaf, losses: [0.7, 0.5] }))).message;
    expect(message).toMatch(/^Training accuracy is \d+% \(the target is 95%\)\. The gradients were never zeroed.* Fix trainStep, then make the model again/);
  });

  it("says why when the loss rose or blew up", () => {
    const untrained = train(0);
    const rose = thrown(() => check("ch05-moons", () => ({ model: untrained.model, mlpForward: forwardOf(), trainStep: stepOf(), leaf, losses: [0.7, 0.9] }))).message;
    expect(rose).toMatch(/the loss went from 0\.7000 to 0\.9000 instead of falling\. Check the update's sign/);
    const blew = thrown(() => check("ch05-moons", () => ({ model: untrained.model, mlpForward: forwardOf(), trainStep: stepOf(), leaf, losses: [0.7, Infinity] }))).message;
    expect(blew).toMatch(/the loss became Infinity at step 1\. .*were the gradients zeroed/);
  });
});
