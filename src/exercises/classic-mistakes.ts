/** One classic backward-pass mistake switched on in lesson 003's 2-2-1 sigmoid network, and its gradient check. */
import { STEP_BY_HAND, stepByHandParams, SIGMOID_NET_MISTAKES, sigmoidNetBackward, sigmoidNetForward, type SigmoidNetMistake } from "../nn/sigmoid-net";
import { gradCheck } from "../gradcheck/gradcheck";
import type { GradCheckReport } from "../gradcheck/report";

/**
 * Gradient-checks the network's backward pass with `mistake` in it, so a notebook can show the fingerprint each
 * mistake leaves. It runs only mistaken passes: the correct one is the learner's to write, and to check.
 */
export function gradCheckMistake(mistake: SigmoidNetMistake): GradCheckReport {
  if (!SIGMOID_NET_MISTAKES.includes(mistake)) {
    throw new Error(`gradCheckMistake: mistake must be one of ${SIGMOID_NET_MISTAKES.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(mistake) ?? typeof mistake}`);
  }
  const { x, y } = STEP_BY_HAND;
  const p = stepByHandParams();
  const g = sigmoidNetBackward(p, sigmoidNetForward(p, x, y), y, { mistake });
  return gradCheck(() => sigmoidNetForward(p, x, y).loss, [
    { name: "W1", data: p.W1, grad: g.dW1, shape: [2, 2] },
    { name: "b1", data: p.b1, grad: g.db1 },
    { name: "W2", data: p.W2, grad: g.dW2 },
    { name: "b2", data: p.b2, grad: g.db2 },
  ]);
}
