// Answer key of 04-one-step-by-hand: lesson 003's 2-2-1 sigmoid network, x = [0.5, 0.9], y = 1, η = 0.5.

import type { AnswerKey } from "../key";
import { lesson003Params, sigmoidNetBackward, sigmoidNetForward } from "../../nn/sigmoid-net";

const X = [0.5, 0.9], Y = 1, ETA = 0.5;
const W2 = [0.4, 0.45];

// The reference step, computed when a check first needs it.
let memo: { before: ReturnType<typeof sigmoidNetForward>; grads: ReturnType<typeof sigmoidNetBackward>; after: ReturnType<typeof sigmoidNetForward>; p: ReturnType<typeof lesson003Params> } | undefined;
function ref() {
  if (memo) return memo;
  const p = lesson003Params();
  const before = sigmoidNetForward(p, X, Y);
  const grads = sigmoidNetBackward(p, before, Y);
  const stepped = lesson003Params();
  grads.dW1.forEach((g, k) => (stepped.W1[k] -= ETA * g));
  grads.dW2.forEach((g, k) => (stepped.W2[k] -= ETA * g));
  memo = { before, grads, after: sigmoidNetForward(stepped, X, Y), p };
  return memo;
}
const rows2 = (flat: ArrayLike<number>) => [[flat[0], flat[1]], [flat[2], flat[3]]];
const W1new = (sign: number, eta: number) => [0, 1].map((j) => [0, 1].map((i) => ref().p.W1[2 * j + i] + sign * eta * ref().grads.dW1[2 * j + i]));
const W2new = (sign: number, eta: number) => [0, 1].map((j) => ref().p.W2[j] + sign * eta * ref().grads.dW2[j]);
const uphill = "You stepped uphill. Gradient descent SUBTRACTS η·∂L/∂w.";
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
        { value: 2 * ref().before.loss, hint: "This lesson's loss has a ½ in front: L = ½(ŷ − y)²." },
        { value: ref().before.yHat - 1, hint: "That is the error ŷ − y. The loss squares it and halves it." },
      ], hint: "L = ½(ŷ − y)²." }],
    ],
  },
  "ch04-delta-out": {
    items: [["deltaOut", { number: () => ref().grads.deltaOut, mistakes: () => {
      const c = ref().before;
      return [
        { value: -ref().grads.deltaOut, hint: "Wrong sign. δo = (ŷ − y)·σ', prediction minus target: ŷ is below y, so δo is negative (raising ŷ would lower the loss)." },
        { value: c.yHat - 1, hint: "The σ' factor is missing: multiply the error ŷ − y by the sigmoid's slope ŷ(1 − ŷ)." },
        { value: (c.yHat - 1) * c.zo * (1 - c.zo), hint: "σ'(z) = s(1 − s) with s = σ(z), the activation ŷ, not the pre-activation z." },
        { value: c.yHat * (1 - c.yHat), hint: "That is σ' alone. Multiply it by the error ŷ − y." },
      ];
    }, hint: "δo = (ŷ − y) · ŷ(1 − ŷ)." }]],
  },
  "ch04-dW2": {
    items: [["dW2", { array: () => Array.from(ref().grads.dW2), mistakes: () => [
      { value: X.map((xi) => ref().grads.deltaOut * xi), hint: "The output weights sit on the wires from the HIDDEN neurons: multiply δo by a, not by x." },
      { value: Array.from(ref().before.a, (aj) => (ref().before.yHat - 1) * aj), hint: "Use δo (which includes σ'), not the raw error ŷ − y." },
      { value: W2.map((w) => ref().grads.deltaOut * w), hint: "δo × W2 is what travels back to the hidden layer (step 5). The weight's own gradient is δo × its input a." },
    ], hint: "If deltaOut's check failed, fix that first." }]],
  },
  "ch04-delta-hidden": {
    items: [["deltaHidden", { array: () => Array.from(ref().grads.deltaHidden), mistakes: () => {
      const c = ref().before, d = ref().grads.deltaOut;
      return [
        { value: W2.map((w) => w * d), hint: "The hidden σ' factor is missing: multiply W2[j]·δo by a_j(1 − a_j). Without it the chain is broken at the hidden sigmoid." },
        { value: W2.map((w) => w * d * c.yHat * (1 - c.yHat)), hint: "That σ' belongs to the output neuron (ŷ(1 − ŷ)). Each hidden neuron uses its own slope a_j(1 − a_j)." },
        { value: Array.from(c.a, (aj) => d * aj * (1 - aj)), hint: "The weight W2[j] is missing: δo travels back along the wire, so it is scaled by that wire's weight." },
        { value: Array.from(c.a, (aj, j) => W2[j] * (c.yHat - 1) * aj * (1 - aj)), hint: "Send back δo (which includes the output's σ'), not the raw error ŷ − y." },
      ];
    }, hint: "δh_j = W2[j] · δo · a_j(1 − a_j)." }]],
  },
  "ch04-dW1": {
    items: [["dW1", { array: () => rows2(ref().grads.dW1), mistakes: () => [
      { value: Array.from(ref().grads.deltaHidden, (d) => Array.from(ref().before.a, (aj) => d * aj)), hint: "W1's wires carry the inputs x into the hidden layer: multiply δh by x, not by a." },
      { value: W2.map((w) => X.map((xi) => w * ref().grads.deltaOut * xi)), hint: "Use the hidden δh from step 5 (with the hidden σ'), not W2·δo." },
    ], hint: "dW1[j][i] = δh_j · x_i." }]],
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
  "ch04-biases": {
    items: [
      ["db1", { array: () => Array.from(ref().grads.db1), mistakes: () => [
        { value: Array.from(ref().grads.deltaHidden, (d) => d * 0.35), hint: "The bias's 'input' is the constant 1, not the bias's own value: ∂L/∂b = δ × 1." },
        { value: Array.from(ref().grads.deltaHidden, (d) => d * 0.5), hint: "That is δh × x0, a weight's gradient. A bias's input is the constant 1." },
      ], hint: "A bias's input is the constant 1." }],
      ["db2", { number: () => ref().grads.db2[0], mistakes: () => [{ value: ref().before.yHat - 1, hint: "Use δo (with σ'), not the raw error ŷ − y." }], hint: "db2 = δo × 1." }],
    ],
  },
};
