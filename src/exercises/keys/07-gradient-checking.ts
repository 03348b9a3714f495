// Answer key of 07-gradient-checking: the centred difference, the relative error, and the four suspects of the bug hunt.

import { call } from "./call";
import type { AnswerKey, KeyItem } from "../key";

const cube = (v: number) => v ** 3;

const PARAMS = ["W1", "b1", "W2", "b2", "W1 and b1"];
const BUGS = ["wrong sign", "divided by N twice", "forgotten ReLU mask", "missing transpose"];
const good = (name: string) => `${name}'s line in the report says "good": that gradient is right. Which line says "wrong"?`;
const BUG_HINTS: { [bug: string]: string } = {
  "wrong sign": "A sign error makes analytic = −numeric at every entry of the spoiled parameter (relative error exactly 1.00). Is that what the report shows?",
  "divided by N twice": "Dividing by N twice makes analytic = numeric / 5 at every entry (relative error 0.67). Is that what the report shows?",
  "forgotten ReLU mask": "A forgotten ReLU mask spoils everything below the ReLU, W1 and b1 together, with no simple pattern between analytic and numeric. Is that what the report shows?",
  "missing transpose": "A missing transpose swaps entries [i, j] and [j, i] of a weight gradient: the diagonal stays right and a bias (a sum over rows) is unaffected. Is that what the report shows?",
};

/** The two choices of one suspect, read from the learner's { param, bug } object. */
function suspect(name: string, param: string, bug: string, paramHints: { [choice: string]: string }): (readonly [string, KeyItem])[] {
  const bugHints: { [choice: string]: string } = {};
  for (const other of BUGS) if (other !== bug) bugHints[other] = BUG_HINTS[other];
  const field = (key: "param" | "bug") => (a: { readonly [n: string]: unknown }) => (a[name] as { [k: string]: unknown } | undefined)?.[key];
  return [
    [`${name}.param`, { label: `${name}.param`, from: field("param"), choice: param, choices: PARAMS, hints: paramHints }],
    [`${name}.bug`, { label: `${name}.bug`, from: field("bug"), choice: bug, choices: BUGS, hints: bugHints }],
  ];
}

export const key07: AnswerKey = {
  "ch07-centred": {
    items: [["centredDiff(x³, 2, 0.1)", { label: "centredDiff(x³, 2, 0.1)", from: (a) => call(a.centredDiff, cube, 2, 0.1), number: 12.01, tolerance: 1e-9, mistakes: [
      { value: 12.61, hint: "That is the one-sided difference (f(x + h) − f(x)) / h. Step both ways: f(x + h) − f(x − h)." },
      { value: 24.02, hint: "The two points are 2h apart: divide by 2h, not h." },
      { value: 6.005, hint: "Divide by 2h, not by 4h (or 2·2h)." },
      { value: 11.41, hint: "That is the backward one-sided difference (f(x) − f(x − h)) / h. Use both neighbours." },
    ], hint: "(f(x + h) − f(x − h)) / (2h)." }]],
  },
  "ch07-rel-err": {
    items: [
      ["relErr(10, 10.00001)", { label: "relErr(10, 10.00001)", from: (a) => call(a.relErr, 10, 10.00001), number: 1e-5 / 20.00001, tolerance: 1e-12, mistakes: [
        { value: 1e-5, hint: "That is the absolute difference |a − n|. Divide it by |a| + |n|." },
        { value: 1e-6, hint: "Divide by |a| + |n| (about 20 here), not by |a| alone." },
      ], hint: "|a − n| / max(1e-8, |a| + |n|)." }],
      ["relErr(0, 0)", { label: "relErr(0, 0)", from: (a) => call(a.relErr, 0, 0), number: 0, hint: "Both gradients are 0, so they agree: 0 / max(1e-8, 0) = 0. Did the floor max(1e-8, …) go missing (0 / 0 is NaN)?" }],
      ["relErr(-2, 2)", { label: "relErr(-2, 2)", from: (a) => call(a.relErr, -2, 2), number: 1, mistakes: [
        { value: 0, hint: "Use |a| + |n| in the denominator and |a − n| in the numerator: opposite signs must give the largest error, 1." },
        { value: Infinity, hint: "a + n is 0 here; the denominator is |a| + |n| = 4." },
      ] }],
    ],
  },
  "ch07-suspect-a": { items: suspect("suspectA", "b2", "wrong sign", { W1: good("W1"), b1: good("b1"), W2: good("W2"), "W1 and b1": good("W1 and b1") }) },
  "ch07-suspect-b": { items: suspect("suspectB", "W2", "divided by N twice", { W1: good("W1"), b1: good("b1"), b2: good("b2"), "W1 and b1": good("W1 and b1") }) },
  "ch07-suspect-c": {
    items: suspect("suspectC", "W1 and b1", "forgotten ReLU mask", {
      W1: 'W1 is wrong, but not the only one: which other line of the report says "wrong"?',
      b1: 'b1 is wrong, but not the only one: which other line of the report says "wrong"?',
      W2: good("W2"), b2: good("b2"),
    }),
  },
  "ch07-suspect-d": {
    items: suspect("suspectD", "W1", "missing transpose", { b1: good("b1"), W2: good("W2"), b2: good("b2"), "W1 and b1": 'Not all of those: check each line of the report on its own; one of them says "good".' }),
  },
};
