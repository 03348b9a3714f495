// Notebook 08's key: the right dScores and backward lines pass, and every catalogued wrong derivation fails with its own message.
import { describe, expect, it } from "vitest";
import { failureOf, itNamesEveryMistake, rightAnswers } from "./key-catalogue-test-helpers";
import { keyFor } from "./keys/registry";
import { Matrix } from "../core/matrix";
import type { ArrayItem, ComputedItem } from "./key";

describe("ch08 key", () => {
  itNamesEveryMistake("ch08-dscores", 8);
  itNamesEveryMistake("ch08-layer2", 7);
  itNamesEveryMistake("ch08-hidden", 6);
  itNamesEveryMistake("ch08-layer1", 6);

  for (const id of ["ch08-layer2", "ch08-layer1"]) {
    it(`${id}: every catalogued wrong shape of a bias gradient fails with its own message`, () => {
      const shapeItems = keyFor(id)!.items.filter(([, item]) => "from" in item) as (readonly [string, ComputedItem & ArrayItem])[];
      expect(shapeItems.length).toBe(1);
      for (const [, item] of shapeItems) {
        const name = item.label.replace(/'s shape$/, "");
        for (const mistake of item.mistakes as { value: [number, number]; hint: string }[]) {
          const message = failureOf(id, { ...rightAnswers(id), [name]: Matrix.zeros(...mistake.value) }).message;
          expect(message.split("\n")[0]).toBe(`${item.label} is not right. ${mistake.hint}`);
        }
      }
    });
  }

  it("a bias gradient not summed over the batch is named by its shape", () => {
    const dScores = rightAnswers("ch08-dscores").dScores as Matrix;
    const layer2 = rightAnswers("ch08-layer2");
    expect(failureOf("ch08-layer2", { ...layer2, db2: dScores }).message).toMatch(/^db2's shape is not right\. Forgot to sum over the batch: db2 still has one row per example\./);
    expect(failureOf("ch08-layer2", { ...layer2, db2: dScores.sum(1) }).message).toMatch(/^db2's shape is not right\. db2 was summed along the classes/);
    const layer1 = rightAnswers("ch08-layer1");
    const dz1 = rightAnswers("ch08-hidden").dz1 as Matrix;
    expect(failureOf("ch08-layer1", { ...layer1, db1: dz1 }).message).toMatch(/^db1's shape is not right\. Forgot to sum over the batch: db1 still has one row per example\./);
  });

  it("a mistake's own message names it without the formula; from the second failure on the hint adds it", () => {
    const dScores = rightAnswers("ch08-dscores").dScores as Matrix;
    const wrong = { dScores: dScores.mul(5) }; // (P − Y), the 1/N forgotten
    const [mistake] = failureOf("ch08-dscores", wrong).message.split("\n");
    expect(mistake).toMatch(/^dScores is not right\. Missing 1\/N/);
    expect(mistake).not.toContain("(P − Y)/N");
    expect(failureOf("ch08-dscores", wrong).message).toContain("\nHint: dScores = (P − Y)/N");
  });
});
