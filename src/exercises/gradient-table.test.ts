// compareGradients: one row per tensor (exact, close, wrong, shape, not answered), the first wrong one named, shown as HTML and text.
import { describe, expect, it } from "vitest";
import { compareGradients } from "./gradient-table";
import { MIME_BUNDLE, type MimeBundle } from "../display/display";
import { tensor } from "../tensor/tensor";

/** y = sum(a ⊙ b) with a [2, 3], b [1, 3]: da = b broadcast, db = column sums of a. */
function graph() {
  const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
  const b = tensor([[0.5, -1, 2]], { requiresGrad: true });
  const ab = a.mul(b);
  ab.sum().backward();
  return { a, b, ab };
}
const bundle = (value: unknown): MimeBundle => (value as { [MIME_BUNDLE](): MimeBundle })[MIME_BUNDLE]();

describe("compareGradients", () => {
  it("marks exact, close and wrong rows and names the first wrong one in graph order", () => {
    const { a, b, ab } = graph();
    const c = compareGradients([
      ["ab", () => [[1, 1, 1], [1, 1, 1]], ab],
      ["a", () => [[0.5, -1, 2 + 1e-12], [0.5, -1, 2]], a],
      ["b", () => [[5, 7, 8]], b],
    ]);
    expect(c.rows.map((r) => r.status)).toEqual(["exact", "close", "wrong"]);
    expect(c.rows[2].maxDiff).toBeCloseTo(1, 12);
    expect(c.firstWrong).toBe("b");
    expect(c.verdict).toMatch(/^first wrong: db \(max \|difference\| 1\)\. Tensors below it that depend on it inherit its error/);
    const { "text/plain": text, "text/html": html } = bundle(c) as { [k: string]: string };
    expect(text).toMatch(/db +\[1, 3\] +\[1, 3\] +no +NO +1\.00e\+0 +← first wrong/);
    expect(html).toMatch(/<tr style="background:#fde2e1">.*>db<\/td>/);
  });

  it("names a shape mismatch (and a transpose) as the first wrong row", () => {
    const { a, b } = graph();
    const c = compareGradients([["b", () => [[5, 7, 9]], b], ["a", () => [[0.5, 0.5], [-1, -1], [2, 2]], a]]);
    expect(c.rows[1]).toMatchObject({ status: "shape", yourShape: [3, 2], expectedShape: [2, 3] });
    expect(c.rows[1].note).toBe("shape [3, 2], expected [2, 3] (the transpose)");
    expect(c.verdict).toMatch(/^first wrong: da \(its shape \[3, 2\], expected \[2, 3\] \(the transpose\)\)/);
  });

  it("shows a gradient not written yet as not answered, and says which to write next", () => {
    const { a, b } = graph();
    const undeclared = () => {
      throw new ReferenceError("db is not defined");
    };
    const c = compareGradients([["a", () => [[0.5, -1, 2], [0.5, -1, 2]], a], ["b", undeclared, b]]);
    expect(c.rows[1].status).toBe("not answered");
    expect(c.firstWrong).toBeUndefined();
    expect(c.verdict).toBe("every answered gradient matches autograd; next to write: db");
    expect(compareGradients([["b", undeclared, b]]).verdict).toBe("nothing answered yet; start with db");
  });

  it("reports an unreadable answer and a tensor without a gradient instead of throwing", () => {
    const { a } = graph();
    const c = compareGradients([["a", () => [[1, 2, Number.NaN], [1, 2, 3]], a], ["c", () => [[1]], tensor([[1]])]]);
    expect(c.rows[0].status).toBe("unreadable");
    expect(c.rows[0].note).toMatch(/da\[0\]\[2\] is NaN/);
    expect(c.rows[1].status).toBe("no reference");
    expect(c.firstWrong).toBe("a");
  });

  it("rejects rows that are not [name, thunk, tensor], naming the row", () => {
    expect(() => compareGradients([])).toThrow(/compareGradients: rows must be a non-empty list/);
    const { a } = graph();
    expect(() => compareGradients([["a", () => 1, a], ["b", [[1]] as never, a]])).toThrow(/compareGradients: row 1 must be \[name, \(\) => yourGradient, tensor\], got "b"/);
  });
});
