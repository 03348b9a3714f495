// Answer key of 04-one-step-by-hand: its 2-2-1 sigmoid network (seed lesson 003's), x = [0.5, 0.9], y = 1, η = 0.5.

import type { AnswerKey } from "../key";
import { stepByHandParams, sigmoidNetBackward, sigmoidNetForward } from "../../nn/sigmoid-net";
import { stableSigmoid as sigmoid } from "../../core/elementwise";

const X = [0.5, 0.9], Y = 1, ETA = 0.5;
const W2 = [0.4, 0.45];

// The reference step, computed when a check first needs it.
let memo: { before: ReturnType<typeof sigmoidNetForward>; grads: ReturnType<typeof sigmoidNetBackward>; after: ReturnType<typeof sigmoidNetForward>; p: ReturnType<typeof stepByHandParams> } | undefined;
function ref() {
  if (memo) return memo;
  const p = stepByHandParams();
  const before = sigmoidNetForward(p, X, Y);
  const grads = sigmoidNetBackward(p, before, Y);
  const stepped = stepByHandParams();
  grads.dW1.forEach((g, k) => (stepped.W1[k] -= ETA * g));
  grads.dW2.forEach((g, k) => (stepped.W2[k] -= ETA * g));
  memo = { before, grads, after: sigmoidNetForward(stepped, X, Y), p };
  return memo;
}
const rows2 = (flat: ArrayLike<number>) => [[flat[0], flat[1]], [flat[2], flat[3]]];
const W1new = (sign: number, eta: number) => [0, 1].map((j) => [0, 1].map((i) => ref().p.W1[2 * j + i] + sign * eta * ref().grads.dW1[2 * j + i]));
const W2new = (sign: number, eta: number) => [0, 1].map((j) => ref().p.W2[j] + sign * eta * ref().grads.dW2[j]);
const uphill = "You stepped uphill. Gradient descent SUBTRACTS η·∂L/∂w.";

// trainStep(net, target): the learner's whole step as one function, called on the notebook's network and on another.
type Net = { W1: number[][]; b1: number[]; W2: number[]; b2: number };
const THIS_NET: Net = { W1: [[0.15, 0.2], [0.25, 0.3]], b1: [0.35, 0.35], W2: [0.4, 0.45], b2: 0.6 };
const OTHER_NET: Net = { W1: [[0.6, -0.4], [0.1, 0.9]], b1: [-0.2, 0.3], W2: [-0.7, 0.5], b2: 0.1 };
const copyNet = (n: Net): Net => ({ W1: n.W1.map((row) => row.slice()), b1: n.b1.slice(), W2: n.W2.slice(), b2: n.b2 });
const paramsOf = (n: Net) => ({ W1: Float64Array.from(n.W1.flat()), b1: Float64Array.from(n.b1), W2: Float64Array.from(n.W2), b2: Float64Array.of(n.b2) });

/** The reference step on any net and target: forward, backward, and the stepped weights. */
function refStep(net: Net, target: number) {
  const p = paramsOf(net);
  const before = sigmoidNetForward(p, X, target);
  const grads = sigmoidNetBackward(p, before, target);
  return { before, grads, nextW1: rows2(Array.from(p.W1, (w, k) => w - ETA * grads.dW1[k])), nextW2: Array.from(p.W2, (w, j) => w - ETA * grads.dW2[j]) };
}

/** Calls the learner's trainStep on a copy of `net` and reads one field of what it returned (a path like "next.W1"). */
const labelOf = (net: Net, target: number, field: string) => `trainStep(${net === THIS_NET ? "net" : "another net"}, ${target}).${field}`;

function stepField(a: { readonly [name: string]: unknown }, read: (what: string, value: unknown) => unknown, net: Net, target: number, field: string): unknown {
  const label = labelOf(net, target, field);
  if (typeof a.trainStep !== "function") throw new TypeError(`trainStep must be a function (net, target) => ({ … }), got ${typeof a.trainStep}`);
  let value = read(label, (a.trainStep as (n: Net, t: number) => unknown)(copyNet(net), target));
  for (const key of field.split(".")) value = value !== null && typeof value === "object" ? (value as { [k: string]: unknown })[key] : undefined;
  return value;
}

const numbersOf = (n: Net) => [...n.W1.flat(), ...n.b1, ...n.W2, n.b2];
const sameNet = (x: Net, y: Net) => numbersOf(x).every((v, k) => v === numbersOf(y)[k]);
const fromGlobals = "trainStep read the notebook's W1, b1, W2 or b2 instead of the net it was given: use net.W1, net.b1, net.W2, net.b2.";
const fromGlobalY = "trainStep read the notebook's y instead of its target argument.";

type StepMore<T> = { mistakes?: () => { value: T; hint: string }[]; hint?: string };

/** What every item of the trainStep check reads: `field` of the learner's trainStep(net, target). */
function stepSource(net: Net, target: number, field: string) {
  return { label: labelOf(net, target, field), from: (a: { readonly [name: string]: unknown }, read: (what: string, value: unknown) => unknown) => stepField(a, read, net, target, field) };
}

/** A number field of trainStep(net, target), expected from the reference step (computed only when a check runs). */
function stepNumber(net: Net, target: number, field: string, expected: (r: ReturnType<typeof refStep>) => number, more: StepMore<number> = {}) {
  const source = stepSource(net, target, field);
  return [source.label, { ...source, number: () => expected(refStep(net, target)), ...more }] as const;
}

/** An array field of trainStep(net, target), expected from the reference step (computed only when a check runs). */
function stepArray(net: Net, target: number, field: string, expected: (r: ReturnType<typeof refStep>) => number[] | number[][], more: StepMore<number[] | number[][]> = {}) {
  const source = stepSource(net, target, field);
  return [source.label, { ...source, array: () => expected(refStep(net, target)), ...more }] as const;
}
const noEta = "The learning rate η = 0.5 is missing.";

export const key04: AnswerKey = {
  "ch04-hidden": {
    items: [
      ["zh", { array: () => Array.from(ref().before.zh), mistakes: () => [
        { value: [0.255, 0.395], hint: "The bias b1 is missing: z = W1·x + b1." },
        { value: [0.15 * 0.5 + 0.25 * 0.9 + 0.35, 0.2 * 0.5 + 0.3 * 0.9 + 0.35], hint: "You used the columns of W1. Each ROW of W1 belongs to one hidden neuron: z_j = W1[j][0]·x0 + W1[j][1]·x1 + b1[j]." },
      ], hint: "z_j = W1[j][0]·x0 + W1[j][1]·x1 + b1[j]." }],
      ["a", { array: () => Array.from(ref().before.a), mistakes: () => [{ value: Array.from(ref().before.zh), hint: "Those are the pre-activations. Apply the sigmoid: a = σ(z)." }], hint: "a = zh.map(sigma)." }],
    ],
  },
  "ch04-output": {
    items: [
      ["zo", { number: () => ref().before.zo, mistakes: () => [
        { value: ref().before.zo - 0.6, hint: "The output bias b2 = 0.60 is missing." },
        { value: 0.4 * 0.5 + 0.45 * 0.9 + 0.6, hint: "The output neuron reads the hidden activations a, not the inputs x." },
      ], hint: "If the check of a above failed, fix that first." }],
      ["yHat", { number: () => ref().before.yHat, mistakes: () => [{ value: ref().before.zo, hint: "That is z at the output. ŷ = σ(z)." }], hint: "ŷ = σ(zo)." }],
      ["L", { number: () => ref().before.loss, mistakes: () => [
        { value: 2 * ref().before.loss, hint: "This network's loss has a ½ in front: L = ½(ŷ − y)²." },
        { value: ref().before.yHat - 1, hint: "That is the error ŷ − y. The loss squares it and halves it." },
      ], hint: "L = ½(ŷ − y)²." }],
    ],
  },
  // Steps 3–6 ask for δ and the gradients before any formula is shown: each derivation's known wrong turns are
  // listed with a message that names the turn, and the formula itself comes only as the hint of a second failure.
  "ch04-delta-out": {
    items: [["deltaOut", { number: () => ref().grads.deltaOut, mistakes: () => {
      const c = ref().before;
      return [
        { value: -ref().grads.deltaOut, hint: "Wrong sign. δo = (ŷ − y)·σ', prediction minus target: ŷ is below y, so δo is negative (raising ŷ would lower the loss)." },
        { value: c.yHat - 1, hint: "The σ' factor is missing: multiply the error ŷ − y by the sigmoid's slope ŷ(1 − ŷ)." },
        { value: (c.yHat - 1) * c.zo * (1 - c.zo), hint: "σ'(z) = s(1 − s) with s = σ(z), the activation ŷ, not the pre-activation z." },
        { value: c.yHat * (1 - c.yHat), hint: "That is σ' alone. Multiply it by the error ŷ − y." },
        { value: 2 * ref().grads.deltaOut, hint: "Twice too large: the ½ in L = ½(ŷ − y)² cancels the 2 that the square brings down, so ∂L/∂ŷ = ŷ − y." },
        { value: (c.yHat - 1) * sigmoid(c.yHat) * (1 - sigmoid(c.yHat)), hint: "σ was applied twice: ŷ already is σ(zo), so σ'(zo) = ŷ(1 − ŷ). σ(ŷ)(1 − σ(ŷ)) is the slope at another point." },
      ];
    }, hint: "δo = (ŷ − y) · ŷ(1 − ŷ).",
    more: "L = ½(ŷ − y)² gives ∂L/∂ŷ = ŷ − y; ŷ = σ(zo) gives ∂ŷ/∂zo = σ(zo)(1 − σ(zo)) = ŷ(1 − ŷ). δo is their product." }]],
  },
  "ch04-dW2": {
    items: [["dW2", { array: () => Array.from(ref().grads.dW2), mistakes: () => {
      const c = ref().before, d = ref().grads.deltaOut;
      return [
        { value: X.map((xi) => d * xi), hint: "The output weights sit on the wires from the HIDDEN neurons: multiply δo by a, not by x." },
        { value: Array.from(c.a, (aj) => (c.yHat - 1) * aj), hint: "Use δo (which includes σ'), not the raw error ŷ − y." },
        { value: W2.map((w) => d * w), hint: "δo × W2 is what travels back to the hidden layer (step 5). The weight's own gradient is δo × its input a." },
        { value: [d, d], hint: "That is δo for both weights, which is the bias's gradient. In zo = W2[0]·a0 + W2[1]·a1 + b2 each weight is multiplied by something: that factor belongs in its gradient." },
        { value: Array.from(c.a, (aj) => -d * aj), hint: "Wrong sign: with δo = (ŷ − y)·σ' (prediction minus target) the output weights' gradients are negative here." },
        { value: Array.from(c.a, (aj) => d * aj * (1 - aj)), hint: "That multiplies in the hidden sigmoid's slope a_j(1 − a_j), which belongs to the hidden δ (step 5). ∂zo/∂W2[j] is just a_j." },
      ];
    }, hint: "∂L/∂W2[j] = δo · a_j: the δ of the neuron the weight feeds, times the value on its wire. If deltaOut's check failed, fix that first." }]],
  },
  "ch04-delta-hidden": {
    items: [["deltaHidden", { array: () => Array.from(ref().grads.deltaHidden), mistakes: () => {
      const c = ref().before, d = ref().grads.deltaOut;
      return [
        { value: W2.map((w) => w * d), hint: "The hidden σ' factor is missing: multiply W2[j]·δo by a_j(1 − a_j). Without it the chain is broken at the hidden sigmoid." },
        { value: W2.map((w) => w * d * c.yHat * (1 - c.yHat)), hint: "That σ' belongs to the output neuron (ŷ(1 − ŷ)). Each hidden neuron uses its own slope a_j(1 − a_j)." },
        { value: Array.from(c.a, (aj) => d * aj * (1 - aj)), hint: "The weight W2[j] is missing: δo travels back along the wire, so it is scaled by that wire's weight." },
        { value: Array.from(c.a, (aj, j) => W2[j] * (c.yHat - 1) * aj * (1 - aj)), hint: "Send back δo (which includes the output's σ'), not the raw error ŷ − y." },
        { value: Array.from(c.zh, (z, j) => W2[j] * d * z * (1 - z)), hint: "σ'(z) = s(1 − s) with s = σ(z), the activation a_j, not the pre-activation zh_j." },
        { value: Array.from(c.a, (aj, j) => W2[j] * d * aj), hint: "That multiplies by the activation a_j itself; the sigmoid's slope is a_j(1 − a_j)." },
        { value: Array.from(ref().grads.deltaHidden, (v) => -v), hint: "Wrong sign: δo is negative and W2 and the slopes a_j(1 − a_j) are positive, so both hidden δs are negative." },
      ];
    }, hint: "δh_j = W2[j] · δo · a_j(1 − a_j).",
    more: "zh_j reaches the loss through a_j = σ(zh_j) and then zo = W2[0]·a0 + W2[1]·a1 + b2: the local derivatives are a_j(1 − a_j) and W2[j], and δo is what arrives from above." }]],
  },
  "ch04-dW1": {
    items: [["dW1", { array: () => rows2(ref().grads.dW1), mistakes: () => {
      const dh = ref().grads.deltaHidden, flat = Array.from(ref().grads.dW1);
      return [
        { value: Array.from(dh, (d) => Array.from(ref().before.a, (aj) => d * aj)), hint: "W1's wires carry the inputs x into the hidden layer: multiply δh by x, not by a." },
        { value: W2.map((w) => X.map((xi) => w * ref().grads.deltaOut * xi)), hint: "Use the hidden δh from step 5 (with the hidden σ'), not W2·δo." },
        { value: X.map((xi) => Array.from(dh, (d) => d * xi)), hint: "It is transposed: row j must hold hidden neuron j's two wires, as row j of W1 does, so dW1[j][i] belongs to W1[j][i]. Build the rows from δh, the columns from x." },
        { value: flat, hint: "It is flat: four numbers in a row. A gradient has the shape of its weights, so make it two rows of two, shaped like W1 [2, 2]." },
        { value: Array.from(dh, (d) => d * (X[0] + X[1])), hint: "One number per hidden neuron: you summed over the inputs. Each wire has its own weight and its own gradient, so dW1 has one entry per wire, shaped like W1 [2, 2]." },
        { value: Array.from(dh, (d) => [d, d]), hint: "Each row repeats δh_j, which is the bias's gradient. In zh_j = W1[j][0]·x0 + W1[j][1]·x1 + b1[j] each weight is multiplied by an input: that factor belongs in its gradient." },
        { value: rows2(flat.map((v) => -v)), hint: "Wrong sign: δh is negative and the inputs are positive, so every entry of dW1 is negative." },
      ];
    }, hint: "dW1[j][i] = δh_j · x_i: the outer product of δh and x, shaped like W1. If deltaHidden's check failed, fix that first." }]],
  },
  "ch04-update": {
    items: [
      ["W1new", { array: () => W1new(-1, ETA), mistakes: () => [{ value: W1new(1, ETA), hint: uphill }, { value: W1new(-1, 1), hint: noEta }], hint: "W1new[j][i] = W1[j][i] − η · dW1[j][i]." }],
      ["W2new", { array: () => W2new(-1, ETA), mistakes: () => [{ value: W2new(1, ETA), hint: uphill }, { value: W2new(-1, 1), hint: noEta }], hint: "W2new[j] = W2[j] − η · dW2[j]." }],
    ],
  },
  "ch04-after": {
    items: [
      ["yHatAfter", { number: () => ref().after.yHat, mistakes: () => [{ value: ref().before.yHat, hint: "That is the old ŷ: the forward pass must use W1new and W2new." }], hint: "Run the whole forward pass again with W1new and W2new." }],
      ["LAfter", { number: () => ref().after.loss, mistakes: () => [
        { value: ref().before.loss, hint: "That is the old loss: the forward pass must use W1new and W2new." },
        { value: 2 * ref().after.loss, hint: "Keep the ½: L = ½(ŷ − y)²." },
      ], hint: "LAfter = ½(yHatAfter − y)²." }],
      ["lossFell", { boolean: true, hint: "Compare LAfter with the loss L from step 2." }],
    ],
  },
  "ch04-train-step": {
    items: [
      stepArray(THIS_NET, 1, "a", (r) => r.before.a, { hint: "Step 1 inside the function, with net.W1 and net.b1." }),
      stepNumber(THIS_NET, 1, "yHat", (r) => r.before.yHat, { hint: "Step 2 inside the function, with net.W2 and net.b2." }),
      stepNumber(THIS_NET, 1, "loss", (r) => r.before.loss, { hint: "loss = ½(ŷ − target)²." }),
      stepNumber(THIS_NET, 1, "deltaOut", (r) => r.grads.deltaOut, { hint: "Step 3, with target in place of y." }),
      stepArray(THIS_NET, 1, "deltaHidden", (r) => r.grads.deltaHidden, { hint: "Step 5, with net.W2." }),
      stepArray(THIS_NET, 1, "dW1", (r) => rows2(r.grads.dW1), { hint: "Step 6: two rows, dW1[j][i] = δh_j · x_i." }),
      stepArray(THIS_NET, 1, "dW2", (r) => Array.from(r.grads.dW2), { hint: "Step 4: dW2[j] = δo · a_j." }),
      stepArray(THIS_NET, 1, "next.W1", (r) => r.nextW1, { mistakes: () => [{ value: rows2(Array.from(paramsOf(THIS_NET).W1, (w, k) => w + ETA * refStep(THIS_NET, 1).grads.dW1[k])), hint: uphill }], hint: "next.W1[j][i] = net.W1[j][i] − η · dW1[j][i]." }),
      stepArray(THIS_NET, 1, "next.b1", () => THIS_NET.b1, { hint: "The biases stay fixed in this step: next keeps net.b1 and net.b2 ({ ...net, W1: …, W2: … })." }),
      stepArray(THIS_NET, 1, "next.W2", (r) => r.nextW2, { mistakes: () => [{ value: THIS_NET.W2.map((w, j) => w + ETA * refStep(THIS_NET, 1).grads.dW2[j]), hint: uphill }], hint: "next.W2[j] = net.W2[j] − η · dW2[j]." }),
      stepNumber(THIS_NET, 1, "next.b2", () => THIS_NET.b2, { hint: "The biases stay fixed in this step: next keeps net.b1 and net.b2." }),
      stepNumber(OTHER_NET, 0, "loss", (r) => r.before.loss, { mistakes: () => [{ value: refStep(OTHER_NET, 1).before.loss, hint: fromGlobalY }, { value: refStep(THIS_NET, 0).before.loss, hint: fromGlobals }] }),
      stepArray(OTHER_NET, 0, "dW1", (r) => rows2(r.grads.dW1), { mistakes: () => [{ value: rows2(refStep(OTHER_NET, 1).grads.dW1), hint: fromGlobalY }, { value: rows2(refStep(THIS_NET, 0).grads.dW1), hint: fromGlobals }] }),
      ["net unchanged after trainStep(net, 0)", {
        label: "net unchanged after trainStep(net, 0)",
        from: (a: { readonly [name: string]: unknown }) => {
          const given = copyNet(OTHER_NET);
          if (typeof a.trainStep === "function") (a.trainStep as (n: Net, t: number) => unknown)(given, 0);
          return sameNet(given, OTHER_NET);
        },
        boolean: true,
        hint: "trainStep changed the net it was given. Build next from new arrays (map), as in step 7, and leave net as it was.",
      }],
    ],
  },
  "ch04-biases": {
    items: [
      ["db1", { array: () => Array.from(ref().grads.db1), mistakes: () => [
        { value: Array.from(ref().grads.deltaHidden, (d) => d * 0.35), hint: "The bias's 'input' is the constant 1, not the bias's own value: ∂L/∂b = δ × 1." },
        { value: Array.from(ref().grads.deltaHidden, (d) => d * 0.5), hint: "That is δh × x0, a weight's gradient. A bias's input is the constant 1." },
        { value: W2.map((w) => w * ref().grads.deltaOut), hint: "That is W2·δo, before the hidden sigmoid's slope: a hidden bias sits inside zh_j, so it gets the hidden δh_j, σ' included." },
        { value: Array.from(ref().grads.deltaHidden, (d) => -d), hint: "Wrong sign: a bias's gradient is its neuron's δ, sign and all." },
      ], hint: "A bias's input is the constant 1: ∂L/∂b1[j] = δh_j × 1." }],
      ["db2", { number: () => ref().grads.db2[0], mistakes: () => [
        { value: ref().before.yHat - 1, hint: "Use δo (with σ'), not the raw error ŷ − y." },
        { value: ref().grads.deltaOut * 0.6, hint: "The bias's 'input' is the constant 1, not the bias's own value: ∂L/∂b = δ × 1." },
        { value: -ref().grads.deltaOut, hint: "Wrong sign: a bias's gradient is its neuron's δ, sign and all." },
      ], hint: "db2 = δo × 1." }],
    ],
  },
};
