// selfCheck(id): the review question and its folded answer come from the review tables; an unknown id is named.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { selfCheck } from "./self-check";
import { reviewFor } from "./review/registry";
import { recordDisplays, thrown } from "./test-helpers";

let shown: ReturnType<typeof recordDisplays>;
beforeEach(() => (shown = recordDisplays()));
afterEach(() => shown.stop());

describe("selfCheck", () => {
  it("shows the question, and the answer folded in HTML and after the question in plain text", () => {
    selfCheck("ch03-negative-w1");
    const bundle = shown.bundles[0];
    expect(bundle["text/html"]).toContain("<p><b>Check yourself:</b> And with w1 = −0.5 instead of 0.5 (target 3 again)?</p>");
    expect(bundle["text/html"]).toMatch(/<details><summary[^>]*>Show answer<\/summary><p>z1 = −1 &lt; 0, so the ReLU is closed/);
    expect(bundle["text/plain"]).toContain("Check yourself: And with w1 = −0.5 instead of 0.5 (target 3 again)?");
    expect(bundle["text/plain"]).toContain(reviewFor("ch03-negative-w1")!.answer);
  });

  it("names an unknown id and lists the notebook's ids", () => {
    const message = thrown(() => selfCheck("ch03-why-negative")).message;
    expect(message).toBe('selfCheck: no review question with id "ch03-why-negative"; this notebook\'s are ch03-target-one-sign, ch03-negative-w1, ch03-forward-values');
    expect(thrown(() => selfCheck("nonsense")).message).toBe('selfCheck: no review question with id "nonsense"');
    expect(thrown(() => (selfCheck as (id: unknown) => void)(3)).message).toBe('selfCheck: the review id must be a string like "ch03-negative-w1", got number');
    expect(shown.bundles).toHaveLength(0);
  });

  it("the table cannot be edited from outside", () => {
    const review = reviewFor("ch03-negative-w1")!;
    expect(() => ((review as { answer: string }).answer = "changed")).toThrow(TypeError);
  });
});
