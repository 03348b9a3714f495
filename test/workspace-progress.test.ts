// Progress round trip: check() records in a workspace → per-notebook numbers, table, chart; kept across updates.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { syncWorkspace } from "../src/workspace/sync";
import { workspaceProgress } from "../src/workspace/progress-report";
import { progressChart } from "../src/workspace/progress-chart";
import { progressTable } from "../src/workspace/progress-summary";
import { main as progressCommand } from "../src/workspace/progress-command";
import { markdown, notebook, tinyCells, answer, test as testCell, writeJson } from "./helpers/tiny-course";

let dir: string;
let ws: string;
let sources: string;

const record = (gradeId: string, passed: boolean, notebookName: string | null = "01-tiny.ipynb") =>
  JSON.stringify({ gradeId, passed, at: new Date().toISOString(), notebook: notebookName });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpl-progress-"));
  sources = path.join(dir, "notebooks");
  ws = path.join(dir, "workspace");
  writeJson(path.join(sources, "01-tiny.ipynb"), notebook(tinyCells()));
  // m-pair is graded by two checks, as notebook 03's four factors are: passed only when both pass.
  writeJson(
    path.join(sources, "02-more.ipynb"),
    notebook([
      markdown("m", "# More"),
      answer("m-one", "// BEGIN SOLUTION\nconst one = 1;\n// END SOLUTION"),
      testCell("m-one-tests", "if (one !== 1) throw new Error('no');"),
      answer("m-pair", "// BEGIN SOLUTION\nconst p = 1, q = 2;\n// END SOLUTION"),
      testCell("m-p-tests", "if (p !== 1) throw new Error('no');"),
      testCell("m-q-tests", "if (q !== 2) throw new Error('no');"),
    ]),
  );
  writeJson(path.join(sources, "00-welcome.ipynb"), notebook([markdown("w", "# Welcome")]));
  syncWorkspace({ sourceDir: sources, workspaceDir: ws });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("progress", () => {
  it("counts passed, attempted and not started per notebook from the records (latest result wins)", () => {
    const log = [record("t-double", false), record("t-double", true), record("t-inc", false), "{half a line", record("m-one", true, null), record("m-one", false, null), record("m-p", true), record("m-q", true)];
    fs.writeFileSync(path.join(ws, ".backprop-lab", "progress.jsonl"), log.join("\n") + "\n");
    const progress = workspaceProgress(path.join(ws))!;
    expect(progress.skipped).toBe(1);
    expect(progress.rows.map(({ notebook, passed, attempted, notStarted, total }) => ({ notebook, passed, attempted, notStarted, total }))).toEqual([
      { notebook: "01-tiny.ipynb", passed: 1, attempted: 1, notStarted: 0, total: 2 },
      { notebook: "02-more.ipynb", passed: 1, attempted: 1, notStarted: 0, total: 2 },
    ]);
    expect(progressTable(progress.rows)).toBe(
      ["notebook  passed  attempted  not started", "01-tiny        1          1            0", "02-more        1          1            0", "--------  ------  ---------  -----------", "total          2          2            0"].join("\n"),
    );
    const fig = progressChart(progress.rows);
    expect(fig.layout.barmode).toBe("stack");
    expect(fig.data.map((t) => [t.name, t.y])).toEqual([
      ["passed", [1, 1]],
      ["attempted, not passed yet", [1, 1]],
      ["not started", [0, 0]],
    ]);
  });

  it("with no records every exercise is not started; the command prints the table; outside a workspace it says so", async () => {
    expect(workspaceProgress(path.join(ws))!.rows.map((r) => r.notStarted)).toEqual([2, 2]);
    fs.appendFileSync(path.join(ws, ".backprop-lab", "progress.jsonl"), record("m-p", true) + "\n");
    expect(workspaceProgress(ws)!.rows[1].exercises).toEqual([
      { gradeId: "m-one", status: "not started" },
      { gradeId: "m-pair", status: "attempted" },
    ]);
    fs.rmSync(path.join(ws, ".backprop-lab", "progress.jsonl"));
    expect(workspaceProgress(dir)).toBeUndefined();
    const out: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
    const err = vi.spyOn(console, "error").mockImplementation((line: string) => void out.push(line));
    try {
      expect(await progressCommand(["--dir", ws])).toBe(0);
      expect(out.join("\n")).toContain("total          0          0            4");
      out.length = 0;
      expect(await progressCommand(["--dir", dir])).toBe(1);
      expect(out.join("\n")).toMatch(/is not a workspace yet .* `npm start` makes one/);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });

  it("survives a curriculum update (the log is never rewritten) and counts a new exercise as not started", () => {
    const file = path.join(ws, ".backprop-lab", "progress.jsonl");
    const log = record("t-double", true) + "\n";
    fs.writeFileSync(file, log);
    writeJson(path.join(sources, "01-tiny.ipynb"), notebook([...tinyCells(), answer("t-new", "// BEGIN SOLUTION\nconst z = 0;\n// END SOLUTION")]));
    expect(syncWorkspace({ sourceDir: sources, workspaceDir: ws }).updated).toEqual(["01-tiny.ipynb"]);
    expect(fs.readFileSync(file, "utf8")).toBe(log);
    const tiny = workspaceProgress(ws)!.rows[0];
    expect([tiny.passed, tiny.notStarted, tiny.total]).toEqual([1, 2, 3]);
  });
});
