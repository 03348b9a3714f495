// A learner's session in a workspace made by our code, through a real Jupyter server and kernel: the learner's
// path on notebook 03 (unanswered → wrong → right → progress), and a session never touches a git-tracked file.
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNotebook, writeNotebook, type Notebook } from "../src/notebook/nbformat";
import { executeNotebook, type NotebookResult } from "../src/notebook/execute";
import { startJupyterServer, type JupyterServer } from "../src/notebook/server";
import { syncWorkspace } from "../src/workspace/sync";
import { workspaceProgress } from "../src/workspace/progress-report";

const ROOT = path.resolve(__dirname, "..");
const NB03 = "03-trace-a-gradient.ipynb";
// Inside the checkout but git-ignored (like workspace/), so "git status stays clean" is tested where it matters.
const ws = path.join(ROOT, "test-output", `workspace-session-${crypto.randomBytes(4).toString("hex")}`);
let server: JupyterServer;

const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });

/** Workspace 03 up to the first exercise's test cell, with the forward-pass answer cell set to `answer`. */
function firstExercise(answer?: string): Notebook {
  const nb = readNotebook(path.join(ws, NB03));
  const tests = nb.cells.findIndex((cell) => cell.id === "ch03-forward-tests");
  nb.cells = nb.cells.slice(0, tests + 1);
  if (answer !== undefined) nb.cells.find((cell) => cell.id === "ch03-forward")!.source = answer;
  return nb;
}

const run = (nb: Notebook): Promise<NotebookResult> => executeNotebook(server, nb, { cwd: ws, continueOnError: true, cellTimeoutMs: 120_000 });
const testCell = (result: NotebookResult) => result.cells.find((cell) => cell.id === "ch03-forward-tests")!;

beforeAll(async () => {
  syncWorkspace({ sourceDir: path.join(ROOT, "notebooks"), workspaceDir: ws });
  server = await startJupyterServer({ rootDir: ws });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(ws, { recursive: true, force: true });
});

describe("the new learner's path on notebook 03, in a fresh workspace", () => {
  const steps: { [step: string]: ReturnType<typeof testCell> } = {};

  it("the workspace copy shows no solution: the forward-pass cell is a stub", () => {
    const cell = readNotebook(path.join(ws, NB03)).cells.find((c) => c.id === "ch03-forward")!;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    expect(source).not.toContain("w1 * x + b1");
    expect(source).not.toContain("BEGIN SOLUTION");
  });

  it("unanswered: the test cell says the answer is not answered yet", async () => {
    steps.unanswered = testCell(await run(firstExercise()));
    expect(steps.unanswered.status).toBe("error");
    expect(steps.unanswered.evalue).toMatch(/not answered yet/i);
    expect(steps.unanswered.evalue).not.toMatch(/Cannot find name|TS\d{4}/);
  }, 240_000);

  it("a wrong answer (the loss not squared) gets the specific hint", async () => {
    const wrong = "const z1 = w1 * x + b1;\nconst a1 = Math.max(0, z1);\nconst z2 = w2 * a1 + b2;\nconst L = z2 - y;";
    steps.wrong = testCell(await run(firstExercise(wrong)));
    expect(steps.wrong.status).toBe("error");
    expect(steps.wrong.evalue).toContain("That is z2 − y, the error. The loss squares it.");
  }, 240_000);

  it("the right answer passes", async () => {
    const right = "const z1 = w1 * x + b1;\nconst a1 = Math.max(0, z1);\nconst z2 = w2 * a1 + b2;\nconst L = (z2 - y) ** 2;";
    steps.right = testCell(await run(firstExercise(right)));
    expect(steps.right.status).toBe("ok");
  }, 240_000);

  it("progress shows it: the exercise passed, the rest of 03 not started", () => {
    const row = workspaceProgress(ws)!.rows.find((r) => r.notebook === NB03)!;
    expect(row.exercises[0]).toEqual({ gradeId: "ch03-forward", status: "passed" });
    expect(row.passed).toBe(1);
    expect(row.notStarted).toBe(row.total - 1);
    // Every run of the check was recorded, with the notebook it ran in.
    const log = fs.readFileSync(path.join(ws, ".backprop-lab", "progress.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(log.filter((r) => r.gradeId === "ch03-forward").map((r) => r.passed).slice(-2)).toEqual([false, true]);
  });

  it("the welcome notebook's progressReport() shows the same numbers in the kernel", async () => {
    const result = await run(readNotebook(path.join(ws, "00-welcome.ipynb")));
    const report = result.notebook.cells.find((cell) => cell.id === "b81f4c60")!;
    expect(result.cells.find((c) => c.id === "b81f4c60")!.status).toBe("ok");
    const outputs = (report as { outputs: { data?: { [mime: string]: unknown } }[] }).outputs;
    const chart = outputs.find((o) => o.data && "application/vnd.plotly.v1+json" in o.data)!;
    expect(chart).toBeDefined();
    const table = outputs.map((o) => [o.data?.["text/plain"] ?? ""].flat().join("")).join("\n");
    expect(table).toMatch(/03-trace-a-gradient\s+1\s+0\s+\d+/);
  }, 240_000);
});

describe("a saved notebook after Run All", () => {
  it("09 (digit grids, training curves) stays under 1.5 MB and carries no plotly.js", async () => {
    const file = path.join(ws, "09-training-on-digits.ipynb");
    const result = await run(readNotebook(file));
    writeNotebook(file, result.notebook);
    const text = fs.readFileSync(file, "utf8");
    expect(text.length).toBeLessThan(1.5e6);
    expect(text).not.toContain("* plotly.js v");
    expect(result.notebook.cells.filter((cell) => cell.cell_type === "code" && cell.outputs.some((o) => "data" in o && "application/vnd.plotly.v1+json" in o.data)).length).toBeGreaterThan(3);
  }, 600_000);
});

describe("a learner session leaves the checkout clean", () => {
  it("running and saving a workspace notebook in place changes no tracked file; workspace/ is ignored", () => {
    const before = git("status", "--porcelain");
    const welcome = path.join(ws, "00-welcome.ipynb");
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "backprop-lab.js"), "run", welcome, "--inplace"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readNotebook(welcome).cells.some((cell) => cell.cell_type === "code" && cell.outputs.length > 0)).toBe(true);
    expect(git("status", "--porcelain").stdout).toBe(before.stdout);
    expect(git("check-ignore", "-q", "workspace/03-trace-a-gradient.ipynb").status).toBe(0);
    expect(git("check-ignore", "-q", "workspace/.backprop-lab/progress.jsonl").status).toBe(0);
  }, 300_000);
});
