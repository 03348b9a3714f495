// Answer key of 03-trace-a-gradient: x = 2, w1 = 0.5, b1 = 0, w2 = 1.5, b2 = 0, y = 3, α = 0.1.

import type { AnswerKey } from "../key";

const oldWeight = { value: 1, hint: "That is the old z1: use w1_new, not w1." };

export const key03: AnswerKey = {
  "ch03-forward": {
    items: [
      ["z1", { number: 1, mistakes: [
        { value: 2.5, hint: "z1 = w1 · x + b1: multiply the weight by the input, then add the bias." },
        { value: 2, hint: "2 is x itself. z1 = w1 · x + b1." },
      ], hint: "z1 = w1 · x + b1." }],
      ["a1", { number: 1, mistakes: [{ value: 0, hint: "ReLU keeps positive numbers: z1 = 1 > 0, so a1 = z1. It is 0 only for negative z1." }], hint: "a1 = ReLU(z1) = Math.max(0, z1)." }],
      ["z2", { number: 1.5, mistakes: [
        { value: 3, hint: "z2 = w2 · a1 + b2 uses the hidden activation a1, not the input x." },
        { value: 2.5, hint: "z2 = w2 · a1 + b2: multiply w2 by a1." },
      ], hint: "z2 = w2 · a1 + b2." }],
      ["L", { number: 2.25, mistakes: [
        { value: -1.5, hint: "That is z2 − y, the error. The loss squares it." },
        { value: 1.5, hint: "That is |z2 − y|. The loss squares the error." },
        { value: 1.125, hint: "That is ½(z2 − y)². Some texts put a ½ in front; this network's loss has none: L = (z2 − y)²." },
        { value: 20.25, hint: "That is (z2 + y)². The loss uses the difference z2 − y." },
      ], hint: "L = (z2 − y) ** 2." }],
    ],
  },
  // Steps 1–2 ask for the four factors before any formula is shown: each derivation's known wrong turns are listed
  // here with a message that names the turn, and the formula itself comes only as the hint of a second failure.
  "ch03-dL-dz2": {
    answer: "ch03-factors",
    items: [["dL_dz2", { number: -3, mistakes: [
      { value: 3, hint: "Wrong sign. ∂L/∂z2 = 2(z2 − y), prediction minus target; with z2 = 1.5 below y = 3 it is negative: raising z2 would lower the loss." },
      { value: -1.5, hint: "The 2 is missing: the derivative of (z2 − y)² is 2(z2 − y)." },
      { value: 2.25, hint: "That is the loss L itself, not its derivative." },
      { value: 4.5, hint: "That is 2(z2 − y)², twice the loss: the power rule lowers the exponent, d(u²)/du = 2u, it does not keep the square." },
      { value: 0, hint: "The loss does depend on z2: it is the square of (z2 − y), and only y is a constant here." },
    ], hint: "∂L/∂z2 = 2(z2 − y). If z2's check above failed, fix that first.",
    more: "Write u = z2 − y, so L = u². Then dL/du = 2u and du/dz2 = 1." }]],
  },
  "ch03-dz2-da1": {
    answer: "ch03-factors",
    items: [["dz2_da1", { number: 1.5, mistakes: [
      { value: 1, hint: "That is a1 (or ReLU's slope). z2 = w2 · a1 + b2 changes by w2 per unit of a1: the factor is w2." },
      { value: 0, hint: "b2 is a constant, but w2 · a1 is not: its derivative with respect to a1 is w2." },
      { value: 2, hint: "That is x, the network's input. z2 is computed from a1, not from x: differentiate z2 = w2 · a1 + b2 with respect to a1." },
      { value: 0.5, hint: "That is w1, the first layer's weight. The line that makes z2 from a1 uses the second layer's weight." },
    ], hint: "∂z2/∂a1 = w2: in z2 = w2 · a1 + b2, a1 is multiplied by w2 and b2 does not depend on it.",
    more: "Treat every name except a1 as a constant: z2 = (a number) · a1 + (a number); its slope in a1 is that first number." }]],
  },
  "ch03-da1-dz1": {
    answer: "ch03-factors",
    items: [["da1_dz1", { number: 1, mistakes: [
      { value: 0, hint: "ReLU's slope is 0 only where z1 < 0. Here z1 = 1 > 0, so ReLU passes the gradient with slope 1." },
      { value: 0.5, hint: "ReLU has no slope of ½ except at the kink z1 = 0, and z1 = 1 is far from it: on the open side max(0, z1) = z1, whose slope is 1." },
    ], hint: "∂a1/∂z1 is ReLU's slope: 1 where z1 > 0, 0 where z1 < 0. Write it as a comparison on z1 (z1 > 0 ? 1 : 0) so it stays right for other numbers.",
    more: "ReLU(z) = max(0, z) is two straight pieces: 0 for z < 0 (slope 0), z for z > 0 (slope 1)." }]],
  },
  "ch03-dz1-dw1": {
    answer: "ch03-factors",
    items: [["dz1_dw1", { number: 2, mistakes: [
      { value: 0.5, hint: "That is w1. z1 = w1 · x + b1 grows by x per unit of w1: the factor is the input x." },
      { value: 1, hint: "That is z1 (or ∂z1/∂b1). Differentiate z1 = w1 · x + b1 with respect to w1: it is x." },
      { value: 0, hint: "b1 is a constant, but w1 · x is not: its derivative with respect to w1 is x." },
    ], hint: "∂z1/∂w1 = x: in z1 = w1 · x + b1, w1 is multiplied by the input x.",
    more: "Treat every name except w1 as a constant: z1 = w1 · (a number) + (a number)." }]],
  },
  "ch03-dL-dw1": {
    items: [["dL_dw1", { number: -9, mistakes: [
      { value: 9, hint: "Wrong sign. Only ∂L/∂z2 = 2(z2 − y) is negative here; the other three factors are positive, so the product is negative." },
      { value: -4.5, hint: "Off by a factor of 2: the 2 in 2(z2 − y) or the factor x = 2 from ∂z1/∂w1 is missing." },
      { value: -6, hint: "The factor ∂z2/∂a1 = w2 = 1.5 is missing." },
      { value: -3, hint: "That is ∂L/∂z2 alone. Multiply all four factors." },
      { value: 1.5, hint: "That is the sum of the four factors. The chain rule multiplies them." },
    ], hint: "∂L/∂w1 is the product of your four factors: if one of their checks failed, fix it first." }]],
  },
  "ch03-update": {
    items: [["w1_new", { number: 1.4, mistakes: [
      { value: -0.4, hint: "You stepped uphill: w1 + α · ∂L/∂w1. Gradient descent subtracts: w1 − α · ∂L/∂w1." },
      { value: 0.9, hint: "That is the step −α · ∂L/∂w1 alone. Add it to w1." },
      { value: 9.5, hint: "The learning rate is missing: the step is α · ∂L/∂w1, with α = 0.1." },
      { value: -8.5, hint: "Both the learning rate and the sign are off: w1_new = w1 − α · ∂L/∂w1." },
    ], hint: "w1_new = w1 − α · ∂L/∂w1, with your dL_dw1 from above (fix that first if its check failed)." }]],
  },
  "ch03-forward-again": {
    items: [
      ["z1_new", { number: 2.8, mistakes: [oldWeight], hint: "z1_new = w1_new · x + b1. If w1_new's check failed, fix it first." }],
      ["a1_new", { number: 2.8, hint: "a1_new = ReLU(z1_new)." }],
      ["z2_new", { number: 4.2, mistakes: [{ value: 1.5, hint: "That is the old z2: the forward pass must use w1_new." }], hint: "z2_new = w2 · a1_new + b2." }],
      ["L_new", { number: 1.44, mistakes: [
        { value: 2.25, hint: "That is the old loss: the forward pass must use w1_new." },
        { value: 1.2, hint: "That is z2_new − y. The loss squares it." },
      ], hint: "L_new = (z2_new − y) ** 2." }],
      ["lossFell", { boolean: true, hint: "L_new = 1.44 and L = 2.25: which is smaller?" }],
    ],
  },
  "ch03-match-steps": {
    items: [["steps", { matching: { forward: "B", loss: "D", backward: "A", update: "C" }, hints: {
      forward: "The forward pass runs the input through the network and stores what it computes on the way.",
      loss: "The loss compares the output with the label; its derivative seeds the backward pass.",
      backward: "The backward pass applies the chain rule from the output back.",
      update: "The update is the gradient-descent step itself.",
    } }]],
  },
  "ch03-step-size": {
    items: [
      ["alphaExact", { number: 1 / 18, mistakes: [
        { value: 1 / 9, hint: "At 1/9 the prediction reaches 4.5, overshooting by as much as it missed before. Solve 1.5 + 27α = 3." },
        { value: 1 / 6, hint: "Solve 1.5 + 27α = 3: the prediction moves 27 per unit of α, not 9 (the weight moves 9, and z2 moves 3 per unit of w1)." },
        { value: 1 / 27, hint: "1/27 moves the prediction by 1, but it has to move by y − z2 = 1.5." },
      ], hint: "The prediction after one step is 1.5 + 27α: solve for the α that makes it equal y." }],
      ["alphaMax", { number: 1 / 9, mistakes: [
        { value: 1 / 18, hint: "1/18 lands exactly on the target. The loss keeps falling past it until the overshoot is as large as the original miss, 1.5." },
      ], hint: "The new loss is (27α − 1.5)²: for which α > 0 is it back to 2.25?" }],
    ],
  },
};
