// Answer key of 01-chain-rule: central differences of f(x) = x³ − 2x, the chain rule of (1 + 3x)⁴, and ∂L/∂w1 of the two-layer example.

import { call } from "./call";
import type { AnswerKey } from "../key";

// The notebook's f, written here so a check never depends on an editable cell.
const f = (x: number) => x ** 3 - 2 * x;

export const key01: AnswerKey = {
  "ch01-central-difference": {
    items: [["centralDifference(f, 2)", { label: "centralDifference(f, 2)", from: (a) => call(a.centralDifference, f, 2), number: 10, mistakes: [
      { value: 10.00060001, hint: "That is the forward difference (g(x + h) − g(x)) / h. Evaluate g on both sides: g(x + h) − g(x − h)." },
      { value: 20.00000001, hint: "x − h and x + h are 2h apart: divide by 2 * h, not by h." },
      { value: 1.000000001e-7, hint: "Divide by (2 * h), in brackets: / 2 * h divides by 2 and then multiplies by h." },
    ], hint: "(g(x + h) − g(x − h)) / (2h)." }]],
  },
  "ch01-chain": {
    items: [["dydx(1)", { label: "dydx(1)", from: (a) => call(a.dydx, 1), number: 768, mistakes: [
      { value: 256, hint: "That is dy/du = 4u³ alone. Multiply by the inner link du/dx = 3." },
      { value: 192, hint: "The power rule brings the exponent down: dy/du = 4u³, so a factor 4 is missing." },
      { value: 3072, hint: "The power rule lowers the exponent by one: d(u⁴)/du = 4u³, not 4u⁴." },
    ], hint: "dy/dx = dy/du · du/dx with u = 1 + 3x." }]],
  },
  "ch01-dl-dw1": {
    items: [
      ["gradW1 at the point above", { label: "gradW1 at the point above", from: (a) => call(a.gradW1, 1.5, 0.75, -0.125, -1.25, 0.5, 1), number: 6.5625, mistakes: [
        { value: -6.5625, hint: "Sign: ∂L/∂z2 = 2(z2 − y), prediction minus target, not y − z2." },
        { value: 3.28125, hint: "The derivative of (z2 − y)² is 2(z2 − y): the 2 is missing." },
        { value: 4.375, hint: "The last link ∂z1/∂w1 = x is missing." },
        { value: -5.25, hint: "The link ∂z2/∂a1 = w2 is missing." },
      ], hint: "Multiply the four links: 2(z2 − y) · w2 · [z1 > 0] · x." }],
      ["gradW1 with the hidden unit off", { label: "gradW1 with the hidden unit off", from: (a) => call(a.gradW1, 1.5, -0.5, 0.25, -1.25, 0.5, 1), number: 0, mistakes: [
        { value: 1.875, hint: "Here z1 = −0.5 < 0, so ReLU blocks the chain: the factor ∂a1/∂z1 is 0, and so is the whole product." },
      ], hint: "What is ReLU's slope where z1 < 0?" }],
    ],
  },
};
