// Importing tensor.ts alone is enough for the method forms: no other import has to load first.
import { describe, expect, it } from "vitest";
import { tensor } from "./tensor";

describe("Tensor imported from tensor.ts", () => {
  it("has its method forms without index.ts or methods.ts being imported first", () => {
    const x = tensor([[1, -2]]);
    expect(x.add(1).relu().toArray()).toEqual([[2, 0]]);
    expect(x.matmul(tensor([[1], [1]])).item()).toBe(-1);
  });
});
