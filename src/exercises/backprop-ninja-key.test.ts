// Notebook 12's key: autograd's gradients agree with the hand formulas, every catalogued slip is told apart and named by check.
import { describe, expect, it } from "vitest";
import { check } from "./check";
import { keyFor } from "./keys/registry";
import { recordDisplays, thrown } from "./test-helpers";
import { gradOf, NINJA, ninjaGraph, valueOf as val } from "./ninja-reference";
import type { ArrayItem } from "./key";
import type { Matrix } from "../core/matrix";

const IDS = ["ch12-softmax", "ch12-layer2", "ch12-bn-affine", "ch12-bn-stats", "ch12-layer1", "ch12-fused"];
const maxGap = (a: Matrix, b: Matrix) => Math.max(...Array.from(a.data, (v, i) => Math.abs(v - b.data[i])));

describe("the backprop-ninja reference", () => {
  it("matches batch norm's one-expression backward and the (P − Y)/N shortcut", () => {
    const g = ninjaGraph();
    const { N } = NINJA;
    const dy = gradOf(g.hBn), xHat = val(g.xHat);
    const fused = val(g.gamma).div(val(g.std).mul(N)).mul(dy.mul(N).sub(dy.sum(0)).sub(xHat.mul(dy.mul(xHat).sum(0))));
    expect(maxGap(fused, gradOf(g.hPre))).toBeLessThan(1e-15);
    expect(maxGap(val(g.probs).sub(val(g.Y)).div(N), gradOf(g.logits))).toBeLessThan(1e-15);
    expect(Math.max(...Array.from(gradOf(g.b1).data, Math.abs))).toBeLessThan(1e-14); // the bias before batch norm has no effect
  });

  it("uses non-standard parameters, so a missing γ, β or bias term shows", () => {
    const g = ninjaGraph();
    for (const t of [g.b1, g.beta, g.b2]) expect(Math.min(...Array.from(t.data, Math.abs))).toBeGreaterThan(1e-4);
    expect(Math.min(...Array.from(g.gamma.data, (v) => Math.abs(v - 1)))).toBeGreaterThan(1e-5); // drawn around 1, never 1 itself
  });
});

describe("ch12 key", () => {
  for (const id of IDS) {
    it(`${id}: the expected answers pass, and each catalogued slip fails with its own hint`, () => {
      const items = keyFor(id)!.items as (readonly [string, ArrayItem])[];
      const right = Object.fromEntries(items.map(([name, item]) => [name, (item.array as () => Matrix)()]));
      const shown = recordDisplays(); // the ✓ lines of passing items, kept off the console
      try {
        check(id, () => right);
        expect(shown.bundles.length).toBe(items.length);
        for (const [name, item] of items) {
          for (const mistake of (item.mistakes as () => { value: Matrix; hint: string }[])()) {
            const error = thrown(() => check(id, () => ({ ...right, [name]: mistake.value })));
            expect(error.name, `${id} ${name}: ${mistake.hint}`).toBe("ExerciseError");
            expect(error.message.split("\n")[0], `${id} ${name}`).toContain(mistake.hint);
          }
        }
      } finally {
        shown.stop();
      }
    });
  }
});
