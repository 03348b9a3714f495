// The headless runner's mechanics, checked against ipykernel (python3) so they do not depend on our own kernel.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJupyterServer, JupyterServer } from "../src/notebook/server";
import { executeNotebook, RunnerError } from "../src/notebook/execute";
import { Notebook, parseNotebook, serializeNotebook, validateNotebook } from "../src/notebook/nbformat";

const ROOT = path.resolve(__dirname, "..");
const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");

function pythonNotebook(cells: (string | { source: string; tags: string[] })[]): Notebook {
  return parseNotebook(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "python3", display_name: "Python 3" } },
      cells: cells.map((c, i) => ({
        cell_type: "code",
        id: `cell-${i}`,
        metadata: typeof c === "string" ? {} : { tags: c.tags },
        source: typeof c === "string" ? c : c.source,
        outputs: [],
        execution_count: null,
      })),
    }),
  );
}

let server: JupyterServer;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-test-"));
  server = await startJupyterServer({ rootDir: dir });
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("executeNotebook (python3 kernel)", () => {
  it("collects streams, results and display updates into a valid nbformat 4.5 notebook", async () => {
    const nb = pythonNotebook([
      "print('a')\nprint('b')",
      "6 * 7",
      "from IPython.display import display\nhandle = display({'text/plain': 'first'}, raw=True, display_id='d1')",
      "from IPython.display import update_display\nupdate_display({'text/plain': 'final'}, raw=True, display_id='d1')",
      "",
    ]);
    const result = await executeNotebook(server, nb);
    expect(result.ok).toBe(true);
    expect(result.cells.map((c) => c.status)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(result.cellsRun).toBe(4);
    const [c0, c1, c2, c3] = result.notebook.cells;
    expect(c0).toMatchObject({ execution_count: 1, outputs: [{ output_type: "stream", name: "stdout", text: "a\nb\n" }] });
    expect(c1).toMatchObject({ outputs: [{ output_type: "execute_result", data: { "text/plain": "42" } }] });
    // the update in cell 3 rewrote cell 2's output; cell 3 shows nothing itself
    expect(c2).toMatchObject({ outputs: [{ output_type: "display_data", data: { "text/plain": "final" } }] });
    expect(c3).toMatchObject({ outputs: [] });
    expect(result.notebook.cells.map((c) => c.id)).toEqual(nb.cells.map((c) => c.id));
    expect(validateNotebook(result.notebook)).toEqual([]);
    // and Jupyter's own validator agrees
    const file = path.join(dir, "executed.ipynb");
    fs.writeFileSync(file, serializeNotebook(result.notebook));
    const check = spawnSync(VENV_PYTHON, ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", file], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    // the input notebook is left untouched
    expect(nb.cells[0]).toMatchObject({ outputs: [], execution_count: null });
  });

  it("stops at the first error, names it, and skips the rest", async () => {
    const result = await executeNotebook(server, pythonNotebook(["x = 1", "raise KeyError('boom')", "print('never')"]));
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.status)).toEqual(["ok", "error", "skipped"]);
    expect(result.firstFailure).toMatchObject({ index: 1, ename: "KeyError", evalue: "'boom'" });
    expect(result.firstFailure?.traceback?.join("\n")).toContain("boom");
    expect(result.notebook.cells[1]).toMatchObject({ outputs: [{ output_type: "error", ename: "KeyError" }] });
    expect(result.notebook.cells[2]).toMatchObject({ outputs: [], execution_count: null });
  });

  it("goes on past a cell tagged raises-exception", async () => {
    const result = await executeNotebook(server, pythonNotebook([{ source: "1/0", tags: ["raises-exception"] }, "print('after')"]));
    expect(result.ok).toBe(true);
    expect(result.cells[0]).toMatchObject({ status: "error", expectedError: true, ename: "ZeroDivisionError" });
    expect(result.notebook.cells[1]).toMatchObject({ outputs: [{ output_type: "stream", text: "after\n" }] });
  });

  it("times a cell out, interrupts and restarts the kernel, and reports a failure", async () => {
    const result = await executeNotebook(server, pythonNotebook(["import time\ntime.sleep(120)", "print('never')"]), { cellTimeoutMs: 1500 });
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.status)).toEqual(["timeout", "skipped"]);
    expect(result.firstFailure?.evalue).toContain("did not finish within 1.5 s");
  });

  it("runs the kernel in the requested folder", async () => {
    fs.mkdirSync(path.join(dir, "sub"), { recursive: true });
    const result = await executeNotebook(server, pythonNotebook(["import os\nprint(os.getcwd())"]), { cwd: path.join(dir, "sub") });
    const out = result.notebook.cells[0];
    expect(out.cell_type === "code" && out.outputs[0]).toMatchObject({ text: `${fs.realpathSync(path.join(dir, "sub"))}\n` });
  });

  it("reports a kernel that dies in a cell and does not hang", async () => {
    const result = await executeNotebook(server, pythonNotebook(["print('alive')", "import os\nos._exit(1)", "print('never')"]));
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.status)).toEqual(["ok", "abort", "skipped"]);
    expect(result.firstFailure).toMatchObject({ index: 1, ename: "DeadKernelError" });
  });

  it("reports a kernel that never starts, quoting what it printed", async () => {
    const kernels = path.join(dir, "jupyter-path", "kernels", "broken");
    fs.mkdirSync(kernels, { recursive: true });
    const argv = [process.execPath, "-e", "console.error('BrokenError: this kernel cannot start'); process.exit(3)", "{connection_file}"];
    fs.writeFileSync(path.join(kernels, "kernel.json"), JSON.stringify({ argv, display_name: "Broken", language: "none" }));
    const own = await startJupyterServer({ rootDir: dir, env: { JUPYTER_PATH: path.join(dir, "jupyter-path") } });
    try {
      await expect(executeNotebook(own, pythonNotebook(["1"]), { kernelName: "broken", startTimeoutMs: 60_000 })).rejects.toThrow(
        /kernel "broken" did not start: [^;]+; the kernel printed:\nBrokenError: this kernel cannot start/,
      );
    } finally {
      await own.stop();
    }
  });

  it("refuses an unknown kernel or a folder outside the server root with a clear error", async () => {
    await expect(executeNotebook(server, pythonNotebook(["1"]), { kernelName: "no-such-kernel" })).rejects.toThrow(/unknown kernel "no-such-kernel" \(this server has: .*python3/);
    await expect(executeNotebook(server, pythonNotebook(["1"]), { cwd: "/" })).rejects.toBeInstanceOf(RunnerError);
  });
});
