// Runs Jupyter's kernel conformance suite (Debian's python3-jupyter-kernel-test) against our kernel,
// from a scratch folder outside the project, and requires every one of its tests to pass.

import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const PYTHON = "/usr/bin/python3"; // Debian's python, where apt installs jupyter_kernel_test
const SUITE_TESTS = 12; // test methods in jupyter_kernel_test 0.4.5's KernelTests

/** The project's kernelspec when kernel-setup made one, else an equivalent one in a temp dir. */
function jupyterPath(): string {
  const venvShare = path.join(ROOT, ".venv", "share", "jupyter");
  if (existsSync(path.join(venvShare, "kernels", "backprop-lab", "kernel.json"))) return venvShare;
  const share = mkdtempSync(path.join(os.tmpdir(), "bpl-jupyter-"));
  const dir = path.join(share, "kernels", "backprop-lab");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, path.join(ROOT, "bin", "backprop-lab.js"), "kernel", "{connection_file}"],
    display_name: "TypeScript (Backprop Lab)",
    language: "typescript",
  };
  writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(spec, null, 2));
  return share;
}

describe("Jupyter kernel conformance suite", () => {
  it("passes every test with every sample filled in", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "bpl-conformance-"));
    const run = spawnSync(PYTHON, ["-m", "unittest", "-v", "test_kernel_conformance"], {
      cwd: scratch,
      env: { ...process.env, PYTHONPATH: path.join(ROOT, "test", "conformance"), JUPYTER_PATH: jupyterPath() },
      encoding: "utf8",
      timeout: 170_000,
    });
    rmSync(scratch, { recursive: true, force: true }); // the child is done with it
    const log = `${run.stdout}\n${run.stderr}`;
    const ran = /Ran (\d+) tests?/.exec(log);
    expect(ran, log).not.toBeNull();
    expect(Number(ran?.[1]), log).toBe(SUITE_TESTS);
    expect(log, log).not.toMatch(/skipped|FAIL:|ERROR:/);
    expect(log, log).toMatch(/^OK$/m);
    expect(run.status, log).toBe(0);
  }, 180_000);
});
