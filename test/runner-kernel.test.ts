// The runner with our own kernel: a throwing cell, a type error and a timeout are failures, never a false pass.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNotebook } from "../src/notebook/nbformat";
import { executeNotebook } from "../src/notebook/execute";
import { startJupyterServer, JupyterServer } from "../src/notebook/server";

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "runner");
const fixture = (name: string) => readNotebook(path.join(FIXTURES, name));

let server: JupyterServer;
beforeAll(async () => {
  server = await startJupyterServer({ rootDir: FIXTURES });
});
afterAll(async () => {
  await server?.stop();
});

describe("runner with the backprop-lab kernel", () => {
  it("reports a throwing cell with its ename and evalue and skips the rest", async () => {
    const result = await executeNotebook(server, fixture("throws.ipynb"), { cwd: FIXTURES });
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.status)).toEqual(["ok", "error", "skipped"]);
    expect(result.firstFailure).toMatchObject({ index: 1, ename: "RangeError", evalue: "boom from the fixture" });
    expect(result.notebook.cells[0]).toMatchObject({ outputs: [{ output_type: "execute_result", data: { "text/plain": "2" } }] });
  });

  it("reports a type error as a failure", async () => {
    const result = await executeNotebook(server, fixture("type-error.ipynb"), { cwd: FIXTURES });
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.status)).toEqual(["error", "skipped"]);
    expect(result.firstFailure?.ename).not.toBe("");
    expect(result.firstFailure?.evalue).toContain("Type 'string' is not assignable to type 'number'");
  });

  it("reports a cell that runs too long as a timeout", async () => {
    const result = await executeNotebook(server, fixture("timeout.ipynb"), { cwd: FIXTURES, cellTimeoutMs: 3000 });
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.status)).toEqual(["timeout", "skipped"]);
  });

  it("goes on past a cell tagged raises-exception", async () => {
    const result = await executeNotebook(server, fixture("expected-error.ipynb"), { cwd: FIXTURES });
    expect(result.ok).toBe(true);
    expect(result.cells[0]).toMatchObject({ status: "error", expectedError: true, ename: "Error", evalue: "expected" });
    expect(result.notebook.cells[1]).toMatchObject({
      outputs: [
        { output_type: "stream", name: "stdout", text: "after the expected error\n" },
        { output_type: "execute_result", data: { "text/plain": "42" } },
      ],
    });
  });
});

describe("standard Jupyter tools with the backprop-lab kernel", () => {
  it("jupyter nbconvert --execute fails on a throwing notebook and names the error", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "nbconvert-"));
    try {
      const jupyter = path.join(ROOT, ".venv", "bin", "jupyter");
      const run = spawnSync(
        jupyter,
        ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=backprop-lab", "--output-dir", out, path.join(FIXTURES, "throws.ipynb")],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain("RangeError");
      expect(run.stderr).toContain("boom from the fixture");
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
