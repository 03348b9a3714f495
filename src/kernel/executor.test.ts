// Declaration rewriting: types from the module stay behind the package name, other paths untouched.
import path from "path";
import { describe, expect, it } from "vitest";
import { packageSpecifiers } from "./executor";
import { PROJECT_ROOT } from "./package-link";

describe("packageSpecifiers", () => {
  const notebooks = path.join(PROJECT_ROOT, "notebooks");

  it("names the module's index and its files through the package", () => {
    const decl = 'declare const digits: import("../src").Dataset;\ndeclare const t: import("../src/tensor/tensor").Tensor;\n';
    expect(packageSpecifiers(decl, notebooks)).toBe(
      'declare const digits: import("backprop-lab").Dataset;\ndeclare const t: import("backprop-lab/src/tensor/tensor").Tensor;\n',
    );
  });

  it("resolves relative to the notebook's folder, however deep", () => {
    const deep = path.join(notebooks, "part", "one");
    expect(packageSpecifiers('import { A } from "../../../src/index";', deep)).toBe('import { A } from "backprop-lab";');
  });

  it("leaves the notebook's own files and packages alone", () => {
    const decl = 'import { helper } from "./helper";\ndeclare const x: import("mathjs").Matrix;\n';
    expect(packageSpecifiers(decl, notebooks)).toBe(decl);
  });
});
