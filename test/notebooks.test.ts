// Every notebook in notebooks/: committed clean (nbformat 4.5, cell ids, no outputs) and executed through the real kernel.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectNotebooks } from "../src/notebook/run-command";
import { readNotebook } from "../src/notebook/nbformat";
import { executeNotebook, NotebookResult } from "../src/notebook/execute";
import { startJupyterServer, JupyterServer } from "../src/notebook/server";

const NOTEBOOKS = path.resolve(__dirname, "..", "notebooks");
const files = collectNotebooks([NOTEBOOKS]).files;

/** The text of a cell's result in an executed notebook (found by cell id). */
function resultText(result: NotebookResult, cellId: string): string {
  const cell = result.notebook.cells.find((c) => c.id === cellId);
  if (!cell || cell.cell_type !== "code") throw new Error(`no code cell ${cellId}`);
  const shown = cell.outputs.find((o) => o.output_type === "execute_result");
  const text = shown?.output_type === "execute_result" ? shown.data["text/plain"] : undefined;
  return Array.isArray(text) ? text.join("") : String(text);
}

/** What a notebook promises its learners, checked on the notebook's own run (so the promise and the run cannot drift apart). */
const PROMISES: { [notebook: string]: (result: NotebookResult) => void } = {
  "09-training-on-digits.ipynb": (result) => {
    const shown = /test accuracy: ([\d.]+)%/.exec(resultText(result, "ch09-test-accuracy"));
    expect(shown, "09 prints its test accuracy").not.toBeNull();
    expect(Number(shown![1])).toBeGreaterThanOrEqual(95);
  },
};

function failureReport(result: NotebookResult): string {
  const f = result.firstFailure;
  if (!f) return "";
  return `cell ${f.index} (${f.id}) ${f.status}: ${f.ename}: ${f.evalue}\n${(f.traceback ?? []).join("\n")}`;
}

describe("committed notebooks", () => {
  it("there is at least the welcome notebook", () => {
    expect(files.map((f) => path.basename(f))).toContain("00-welcome.ipynb");
  });

  for (const file of files) {
    const name = path.relative(NOTEBOOKS, file);
    it(`${name} is nbformat 4.5 with cell ids, no outputs, and the backprop-lab kernel`, () => {
      const raw = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(raw.nbformat).toBe(4);
      expect(raw.nbformat_minor).toBe(5);
      const nb = readNotebook(file); // full structural validation; throws with the problem
      expect(nb.metadata.kernelspec?.name).toBe("backprop-lab");
      expect(nb.metadata.language_info?.name).toBe("typescript");
      for (const [i, cell] of raw.cells.entries()) {
        expect(typeof cell.id, `cell ${i} id`).toBe("string");
        if (cell.cell_type === "code") {
          expect(cell.outputs, `cell ${i} outputs`).toEqual([]);
          expect(cell.execution_count, `cell ${i} execution_count`).toBeNull();
        }
      }
    });
  }
});

describe("notebooks execute through the backprop-lab kernel", () => {
  let server: JupyterServer;
  beforeAll(async () => {
    server = await startJupyterServer({ rootDir: NOTEBOOKS });
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const file of files) {
    const name = path.relative(NOTEBOOKS, file);
    it(`${name} runs top to bottom without an unexpected error`, { timeout: 15 * 60_000 }, async () => {
      const result = await executeNotebook(server, readNotebook(file), { cwd: path.dirname(file), cellTimeoutMs: 5 * 60_000 });
      expect(failureReport(result)).toBe("");
      expect(result.ok).toBe(true);
      expect(result.kernelName).toBe("backprop-lab");
      PROMISES[name]?.(result);
    });
  }
});
