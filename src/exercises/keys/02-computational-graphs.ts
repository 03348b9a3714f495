// Answer key of 02-computational-graphs: f = (x + y)·z at x = −2, y = 5, z = −4, and notebook 01's network built from Values.

import type { AnswerKey } from "../key";
import { Value } from "../../scalar/value";

const upstreamMistakes = (name: string) => [
  { value: 1, hint: `That is the local gradient of the + node only. Multiply it by the upstream gradient ∂f/∂q that arrives at q.` },
  { value: 4, hint: `Right size, wrong sign: ∂f/∂q = z = −4 is negative, and ${name} inherits its sign.` },
  { value: 3, hint: `3 is q, the forward value. The gradient flows backwards: use ∂f/∂q, not q.` },
  { value: -12, hint: `−12 is f itself. The seed at the output is ∂f/∂f = 1, not f.` },
];

// The module's own methods, captured: the learner's Value graph is walked by these, never by methods it carries.
const zeroGrad = Value.prototype.zeroGrad;
const backward = Value.prototype.backward;

/** Runs backward on the learner's loss (a Value) and reads one leaf's gradient. */
function gradientOf(raw: { readonly [name: string]: unknown }, leaf: "w1"): unknown {
  const loss = raw.loss;
  if (!(loss instanceof Value) || Object.getPrototypeOf(loss) !== Value.prototype) return "loss must be a Value built from the leaves in p";
  Reflect.apply(zeroGrad, loss, []);
  Reflect.apply(backward, loss, []);
  const p = raw.p as { [k: string]: unknown };
  const node = p?.[leaf];
  return node instanceof Value ? Reflect.getOwnPropertyDescriptor(node, "grad")?.value : undefined;
}

export const key02: AnswerKey = {
  "ch02-upstream-times-local": {
    items: [
      ["df_dx", { number: -4, mistakes: upstreamMistakes("df_dx"), hint: "∂f/∂x = ∂f/∂q · ∂q/∂x." }],
      ["df_dy", { number: -4, mistakes: upstreamMistakes("df_dy"), hint: "∂f/∂y = ∂f/∂q · ∂q/∂y." }],
    ],
  },
  "ch02-loss-graph": {
    items: [
      ["loss.data", { label: "loss.data", from: (a) => (a.loss as { data?: unknown } | undefined)?.data, number: 3.0625, mistakes: [
        { value: -1.75, hint: "That is z2 − y. The loss squares it: .pow(2)." },
        { value: 5.0625, hint: "That is (w2·a1 − y)²: the output bias b2 is missing from z2." },
        { value: 0.25, hint: "That is the loss with the hidden unit off (a1 = 0). Check z1 = w1·x + b1 = 1 > 0, so ReLU passes it." },
      ], hint: "z1 = w1·x + b1, a1 = relu(z1), z2 = w2·a1 + b2, loss = (z2 − y)²." }],
      ["p.w1.grad", { label: "p.w1.grad", from: (_a, _read, raw) => gradientOf(raw, "w1"), number: 6.5625, hint: "∂L/∂w1 = 2(z2 − y) · w2 · [z1 > 0] · x. If loss.data is right, check that w1 is a leaf of your graph (use p.w1 itself, not a new Value)." }],
    ],
  },
};
