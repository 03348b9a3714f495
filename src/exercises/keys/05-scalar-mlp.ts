// Answer key of 05's finale: an MLP forward and a training step on the learner's own engine, then its accuracy on moons.
//
// The forward and the step are checked on a tiny fixed net (2→3→1, four points) that the key builds from the
// learner's `leaf`; the expected numbers and every typical slip come from the module's Value running the same net.
// The moons check reads the learner's trained model through their own mlpForward (the model is theirs).

import { call } from "./call";
import { computedItem, type AnswerKey } from "../key";
import { readField, readList } from "../answer-data";
import { ExerciseError } from "../errors";
import { Value } from "../../scalar/value";
import { moons } from "../../data/toy";

type Answers = { readonly [name: string]: unknown };

// Non-round weights so that no slip can land on the right numbers by accident.
const W = [
  [[0.5, -0.4], [-0.3, 0.8], [0.9, 0.2]],
  [[0.7, -0.6, 0.4]],
];
const B = [[0.1, -0.2, 0.05], [-0.1]];
const X = [[0.5, -1], [1.5, 0.3], [-0.7, 0.4], [0.2, 0.9]];
const Y = [1, -1, 1, -1];
const LR = 0.5;
const STEPS = 3;

/** The moons the notebook trains on (its setup cell makes the same set). */
export const MOONS = { samples: 100, noise: 0.1, seed: 1 };
export const TARGET_ACCURACY = 0.95;

export type ForwardSlip = "right" | "noTanh" | "tanhOnOutput" | "noBias";
export type StepSlip = "right" | "noZeroGrad" | "uphill" | "zeroAfterBackward" | "stepBeforeBackward";

type RefLayer = { w: Value[][]; b: Value[] };
const refNet = (): RefLayer[] => W.map((w, l) => ({ w: w.map((row) => row.map((v) => new Value(v))), b: B[l].map((v) => new Value(v)) }));
const refParameters = (net: RefLayer[]) => net.flatMap((layer) => [...layer.w.flat(), ...layer.b]);

/** The module's Value on the fixed net: tanh between layers, a linear score out (unless a slip says otherwise). */
export function refForward(net: RefLayer[], x: number[], slip: ForwardSlip = "right"): Value {
  let h: Value[] = x.map((v) => new Value(v));
  net.forEach((layer, l) => {
    h = layer.w.map((row, j) => {
      let s = row.reduce((acc, w, k) => acc.add(w.mul(h[k])), slip === "noBias" ? new Value(0) : layer.b[j]);
      const hidden = l < net.length - 1;
      if ((hidden && slip !== "noTanh") || (!hidden && slip === "tanhOnOutput")) s = s.tanh();
      return s;
    });
  });
  return h[0];
}

/** The notebook's hinge loss: the mean over points of relu(1 − y·score). */
function refHinge(scores: Value[], ys: number[]): Value {
  return scores.reduce((acc, s, i) => acc.add(s.mul(-ys[i]).add(1).relu()), new Value(0)).mul(1 / scores.length);
}

/** The losses `STEPS` training steps return on the fixed problem, done right or with one slip. */
export function refLosses(slip: StepSlip = "right"): number[] {
  const net = refNet(), params = refParameters(net), losses: number[] = [];
  const update = (sign: number) => params.forEach((p) => (p.data -= sign * LR * p.grad));
  for (let step = 0; step < STEPS; step++) {
    const loss = refHinge(X.map((x) => refForward(net, x)), Y);
    if (slip === "stepBeforeBackward") update(1);
    if (slip !== "noZeroGrad") params.forEach((p) => (p.grad = 0));
    loss.backward();
    if (slip === "zeroAfterBackward") params.forEach((p) => (p.grad = 0));
    if (slip !== "stepBeforeBackward") update(slip === "uphill" ? -1 : 1);
    losses.push(loss.data);
  }
  return losses;
}

/** The fixed net made of the learner's own leaves, shaped like the notebook's Layer ({ w, b }). */
function learnerNet(a: Answers) {
  return W.map((w, l) => ({ w: w.map((row) => row.map((v) => call(a.leaf, v))), b: B[l].map((v) => call(a.leaf, v)) }));
}

function forwardOut(a: Answers) {
  const net = learnerNet(a);
  const out = call(a.mlpForward, net, X[0]);
  if (out === null || typeof out !== "object" || typeof readField("mlpForward(…)", out, "data") !== "number") {
    throw new ExerciseError(`mlpForward must return the output Node (its score), got ${out === null ? "null" : typeof out}.`);
  }
  return { net, out };
}

/** ∂score/∂w (first layer, neuron 0, weight 0) after the learner's backward from their forward's output. */
function firstWeightGrad(a: Answers): unknown {
  const { net, out } = forwardOut(a);
  call(a.backward, out);
  return readField("w[0][0]", net[0].w[0][0], "grad");
}

function learnerLosses(a: Answers): number[] {
  const net = learnerNet(a), losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const loss = call(a.trainStep, net, X, Y, LR);
    if (typeof loss !== "number") throw new ExerciseError(`trainStep must return the loss as a number (loss.data), got ${loss === null ? "null" : typeof loss}.`);
    losses.push(loss);
  }
  return losses;
}

const STEP_SLIPS = ["noZeroGrad", "uphill", "zeroAfterBackward", "stepBeforeBackward"] as const;
const STEP_SLIP_HINTS: { readonly [slip in (typeof STEP_SLIPS)[number]]: string } = {
  noZeroGrad: "The gradients were never zeroed: each backward adds to what the last one left, so every step also repeats all earlier steps. Set p.grad = 0 for every parameter before backward.",
  uphill: "The loss rises: the step goes uphill. The gradient points to where the loss grows, so p.data -= lr * p.grad.",
  zeroAfterBackward: "The loss never changes: the gradients are zeroed between backward and the update, so the update adds nothing. Zero them BEFORE backward.",
  stepBeforeBackward: "The update runs before backward, so each step uses the previous step's gradients (and the first step none). Order: forward and loss, zero the gradients, backward, update.",
};

/** The slip the learner's trainStep makes on the fixed problem, if it is one of the known ones. */
function stepSlipOf(a: Answers): (typeof STEP_SLIPS)[number] | undefined {
  const mine = learnerLosses(a);
  const near = (ref: number[]) => ref.every((v, i) => Math.abs(v - mine[i]) <= 1e-9 * Math.max(1, Math.abs(v)));
  return STEP_SLIPS.find((slip) => near(refLosses(slip)));
}

const refGrad = () => {
  const net = refNet();
  refForward(net, X[0]).backward();
  return net[0].w[0][0].grad;
};


/** True when the learner's network is affine in its input (no nonlinearity): midpoints map to midpoints along two lines. */
function isLinear(a: Answers, model: unknown): boolean {
  const f = (x: number, y: number) => readField("mlpForward(model, x)", call(a.mlpForward, model, [x, y]), "data") as number;
  const f0 = f(0, 0);
  const gap = (x: number, y: number) => Math.abs(f(x / 2, y / 2) - (f0 + f(x, y)) / 2);
  const scale = Math.max(1, Math.abs(f0), Math.abs(f(1, 0)), Math.abs(f(0, 1)));
  return gap(2, 0) <= 1e-9 * scale && gap(0, 2) <= 1e-9 * scale;
}

/** The learner's trained model scored on the notebook's moons with their own mlpForward; below target, a diagnosis. */
function moonsAccuracy(a: Answers, raw: Answers): boolean {
  const data = moons(MOONS.samples, { noise: MOONS.noise, seed: MOONS.seed });
  let right = 0;
  for (let i = 0; i < data.y.length; i++) {
    const score = readField("mlpForward(model, x)", call(a.mlpForward, raw.model, [data.x.data[2 * i], data.x.data[2 * i + 1]]), "data");
    if ((typeof score === "number" && score > 0 ? 1 : 0) === data.y[i]) right++;
  }
  const accuracy = right / data.y.length;
  if (accuracy >= TARGET_ACCURACY) return true;
  const pct = `${Math.round(accuracy * 100)}%`;
  if (isLinear(a, raw.model)) {
    throw new ExerciseError(`Training accuracy is ${pct} (the target is ${TARGET_ACCURACY * 100}%): your network is a linear function of its input. Without tanh between the layers, the layers collapse into one linear map, and no straight line separates the two moons (with this learning rate it may even diverge). Apply tanh to every hidden layer in mlpForward, then make the model again and retrain.`);
  }
  const slip = stepSlipOf(a);
  if (slip !== undefined) throw new ExerciseError(`Training accuracy is ${pct} (the target is ${TARGET_ACCURACY * 100}%). ${STEP_SLIP_HINTS[slip]} Fix trainStep, then make the model again and retrain.`);
  const losses = (readList("losses", a.losses) ?? []).filter((v): v is number => typeof v === "number");
  if (losses.length === 0) throw new ExerciseError(`Training accuracy is ${pct}, and losses is empty: run the training cell above first.`);
  const first = losses[0], last = losses[losses.length - 1];
  const bad = losses.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ExerciseError(`Training accuracy is ${pct}: the loss became ${losses[bad]} at step ${bad}. The steps grew without bound: were the gradients zeroed before each backward? Without it every step adds all earlier gradients again.`);
  if (last >= first) throw new ExerciseError(`Training accuracy is ${pct}: the loss went from ${first.toFixed(4)} to ${last.toFixed(4)} instead of falling. Check the update's sign (p.data -= lr * p.grad goes downhill), and that the gradients are zeroed BEFORE backward, not between backward and the update.`);
  throw new ExerciseError(`Training accuracy is ${pct} (the target is ${TARGET_ACCURACY * 100}%), though the loss fell from ${first.toFixed(4)} to ${last.toFixed(4)}: too few steps, or a step too small. Train with the cell above as it stands (its ${MOONS.samples} points, its steps and learning rates), starting from a freshly made model.`);
}

export const key05Mlp: AnswerKey = {
  "ch05-mlp": {
    items: [
      computedItem("mlpForward(net, x).data", {
        from: (a) => readField("out", forwardOut(a).out, "data"),
        number: () => refForward(refNet(), X[0]).data,
        mistakes: () => [
          { value: refForward(refNet(), X[0], "noTanh").data, hint: "That is the network with no tanh: without a nonlinearity between layers, two layers collapse into one linear function. Apply tanh to every hidden neuron's sum." },
          { value: refForward(refNet(), X[0], "tanhOnOutput").data, hint: "tanh is on the output too: the last layer gives the raw score (the hinge loss wants any real number), so leave it linear." },
          { value: refForward(refNet(), X[0], "noBias").data, hint: "The biases are missing: each neuron's sum starts from its b[j]." },
        ],
        hint: "Each neuron: s = b[j] + Σₖ w[j][k]·h[k], with add and mul on Nodes; tanh(s) in hidden layers, s itself in the last.",
      }),
      computedItem("w[0][0].grad after backward(mlpForward(net, x))", {
        from: firstWeightGrad,
        number: refGrad,
        mistakes: [{ value: 0, hint: "The first layer's weights got no gradient: build the output from the layer's Nodes with add, mul and tanh (not from their .data numbers, and not from new leaves), so backward can reach them." }],
      }),
      computedItem(`trainStep losses (${STEPS} steps, lr ${LR})`, {
        from: learnerLosses,
        array: () => refLosses(),
        mistakes: () => STEP_SLIPS.map((slip) => ({ value: refLosses(slip), hint: STEP_SLIP_HINTS[slip] })),
        hint: "One step: scores for every x, loss = hingeLoss(scores, ys); p.grad = 0 for every parameter; backward(loss); p.data -= lr * p.grad; return loss.data.",
      }),
    ],
  },
  "ch05-moons": {
    answer: "ch05-mlp",
    items: [computedItem(`training accuracy on the moons ≥ ${TARGET_ACCURACY * 100}%`, { from: (a, _read, raw) => moonsAccuracy(a, raw), boolean: true })],
  },
};
