// Compiled-to-source line alignment on tslab's real output shape.
import { describe, expect, it } from "vitest";
import { alignLines } from "./line-map";

const source = [
  'import { twice } from "./helper";',
  "interface P { a: number }",
  "const p: P = { a: 1 };",
  "function inner(x: number): number {",
  "  // comment",
  "  return (null as any).x + x;",
  "}",
  "",
  "let y: number = inner(twice(p.a));",
  "y",
].join("\n");

const compiled = [
  'Object.defineProperty(exports, "__esModule", { value: true });',
  "exports.y = exports.p = exports.twice = exports.inner = exports.tsLastExpr = void 0;",
  'const helper_1 = require("./helper");',
  'Object.defineProperty(exports, "twice", { enumerable: true, get: function () { return helper_1.twice; } });',
  "const p = { a: 1 };",
  "exports.p = p;",
  "function inner(x) {",
  "    // comment",
  "    return null.x + x;",
  "}",
  "exports.inner = inner;",
  "let y = inner((0, helper_1.twice)(p.a));",
  "exports.y = y;",
  "exports.tsLastExpr = y;",
].join("\n");

describe("alignLines", () => {
  it("finds the source line of statements that throw", () => {
    const toSource = alignLines(compiled, source);
    expect(toSource(9)).toBe(6); // return null.x + x
    expect(toSource(12)).toBe(9); // let y = inner(...)
    expect(toSource(7)).toBe(4); // function inner
  });

  it("leaves lines that exist only in the output unmapped", () => {
    expect(alignLines(compiled, source)(1)).toBeUndefined();
  });
});
