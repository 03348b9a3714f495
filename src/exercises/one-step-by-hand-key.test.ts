// Notebook 04's key: δ and the gradients a learner derives by a known wrong turn get a message naming that turn.
import { describe, expect, it } from "vitest";
import { check } from "./check";
import { catalogueProblems, rightAnswers } from "./key-catalogue-test-helpers";
import { recordDisplays, thrown } from "./test-helpers";

// Notebook 04's problem data and forward pass, written as a learner would.
const x = [0.5, 0.9], y = 1;
const W1 = [[0.15, 0.2], [0.25, 0.3]], b1 = [0.35, 0.35], W2 = [0.4, 0.45], b2 = 0.6;
const sigma = (z: number) => 1 / (1 + Math.exp(-z));
const zh = W1.map((row, j) => row[0] * x[0] + row[1] * x[1] + b1[j]);
const a = zh.map(sigma);
const zo = W2[0] * a[0] + W2[1] * a[1] + b2;
const yHat = sigma(zo);
const deltaOut = (yHat - y) * yHat * (1 - yHat);
const deltaHidden = a.map((aj, j) => W2[j] * deltaOut * aj * (1 - aj));

const DERIVED = ["ch04-delta-out", "ch04-dW2", "ch04-delta-hidden", "ch04-dW1", "ch04-biases"];

/** The first line of what check says when answer `name` of `gradeId` is `value` and the others are right. */
function feedback(gradeId: string, name: string, value: unknown): string {
  const shown = recordDisplays(); // the ✓ lines of the other, right answers, kept off the console
  try {
    return thrown(() => check(gradeId, () => ({ ...rightAnswers(gradeId), [name]: value }))).message.split("\n")[0];
  } finally {
    shown.stop();
  }
}

describe("ch04 key: δ and the gradients, derived", () => {
  for (const id of DERIVED) {
    it(`${id}: the right answers pass and every catalogued mistake is named by its own message`, () => {
      expect(catalogueProblems(id).problems).toEqual([]);
    });
  }

  it("names each wrong turn in deriving δo", () => {
    const id = "ch04-delta-out";
    expect(feedback(id, "deltaOut", (y - yHat) * yHat * (1 - yHat))).toMatch(/Wrong sign/);
    expect(feedback(id, "deltaOut", yHat - y)).toMatch(/σ' factor is missing/);
    expect(feedback(id, "deltaOut", (yHat - y) * zo * (1 - zo))).toMatch(/the activation ŷ, not the pre-activation z/);
    expect(feedback(id, "deltaOut", 2 * (yHat - y) * yHat * (1 - yHat))).toMatch(/½ in L = ½\(ŷ − y\)² cancels the 2/);
    expect(feedback(id, "deltaOut", (yHat - y) * sigma(yHat) * (1 - sigma(yHat)))).toMatch(/σ was applied twice/);
  });

  it("names each wrong turn in the output weights' gradients", () => {
    const id = "ch04-dW2";
    expect(feedback(id, "dW2", x.map((xi) => deltaOut * xi))).toMatch(/multiply δo by a, not by x/);
    expect(feedback(id, "dW2", a.map((aj) => (yHat - y) * aj))).toMatch(/not the raw error/);
    expect(feedback(id, "dW2", [deltaOut, deltaOut])).toMatch(/the bias's gradient/);
    expect(feedback(id, "dW2", a.map((aj) => deltaOut * aj * (1 - aj)))).toMatch(/belongs to the hidden δ/);
  });

  it("names each wrong turn in sending δ back", () => {
    const id = "ch04-delta-hidden";
    expect(feedback(id, "deltaHidden", W2.map((w) => w * deltaOut))).toMatch(/hidden σ' factor is missing/);
    expect(feedback(id, "deltaHidden", zh.map((z, j) => W2[j] * deltaOut * z * (1 - z)))).toMatch(/the activation a_j, not the pre-activation/);
    expect(feedback(id, "deltaHidden", a.map((aj, j) => W2[j] * deltaOut * aj))).toMatch(/multiplies by the activation a_j itself/);
    expect(feedback(id, "deltaHidden", a.map((aj, j) => W2[j] * deltaOut * yHat * (1 - yHat)))).toMatch(/belongs to the output neuron/);
    expect(feedback(id, "deltaHidden", deltaHidden.map((d) => -d))).toMatch(/Wrong sign/);
  });

  it("names a transposed, flat or summed dW1, and says which shape it must have", () => {
    const id = "ch04-dW1";
    expect(feedback(id, "dW1", x.map((xi) => deltaHidden.map((d) => d * xi)))).toMatch(/It is transposed: row j must hold hidden neuron j's two wires/);
    expect(feedback(id, "dW1", deltaHidden.flatMap((d) => x.map((xi) => d * xi)))).toMatch(/It is flat.*shaped like W1 \[2, 2\]/);
    expect(feedback(id, "dW1", deltaHidden.map((d) => d * (x[0] + x[1])))).toMatch(/you summed over the inputs/);
    expect(feedback(id, "dW1", deltaHidden.map((d) => a.map((aj) => d * aj)))).toMatch(/multiply δh by x, not by a/);
  });

  it("names a bias gradient taken from the bias's own value or before the hidden σ'", () => {
    expect(feedback("ch04-biases", "db2", deltaOut * b2)).toMatch(/not the bias's own value/);
    expect(feedback("ch04-biases", "db1", W2.map((w) => w * deltaOut))).toMatch(/before the hidden sigmoid's slope/);
  });
});
