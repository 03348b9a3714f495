// `backprop-lab run` as a user sees it: one line per notebook, a closing tally, exit status, cleanup on Ctrl-C.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn, spawnSync } from "child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNotebook } from "../src/notebook/nbformat";

const BIN = path.resolve(__dirname, "..", "bin", "backprop-lab.js");
let dir: string;

function writePython(file: string, sources: string[], kernel = "python3"): void {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: kernel, display_name: kernel } },
    cells: sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  };
  fs.writeFileSync(file, JSON.stringify(nb));
}

/** Processes whose working directory lies under dir: the server and kernels the runner started there. */
function processesUnder(target: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(target)) found.push(pid);
    } catch {
      // gone or not ours to read
    }
  }
  return found;
}

/** A process's command line, its arguments joined by spaces; empty once it has exited. */
function commandLine(pid: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "runner-cli-")));
  fs.mkdirSync(path.join(dir, "set"));
  writePython(path.join(dir, "set", "a-good.ipynb"), ["print('hello')", "1 + 1"]);
  writePython(path.join(dir, "set", "b-throws.ipynb"), ["x = 1", "raise ValueError('bad value')", "print('never')"]);
  fs.writeFileSync(path.join(dir, "set", "c-malformed.ipynb"), '{"nbformat": 4,\n "cells": [\n');
  writePython(path.join(dir, "set", "d-unknown.ipynb"), ["1"], "no-such-kernel");
  writePython(path.join(dir, "set", "e-good.ipynb"), ["print('still runs')"]);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("backprop-lab run", () => {
  it("prints one line per notebook and a tally; bad notebooks do not stop the others", () => {
    const out = path.join(dir, "out");
    const run = spawnSync(process.execPath, [BIN, "run", path.join(dir, "set"), "--output", out, "--timeout", "30"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^PASS set\/a-good\.ipynb: 2 cells, [\d.]+ s$/);
    expect(lines[1]).toMatch(/^FAIL set\/b-throws\.ipynb: 2 cells, [\d.]+ s; cell 1 failed: ValueError: bad value$/);
    expect(lines[2]).toMatch(/^FAIL set\/c-malformed\.ipynb: malformed JSON at line 3, column 1/);
    expect(lines[3]).toMatch(/^FAIL set\/d-unknown\.ipynb: unknown kernel "no-such-kernel"/);
    expect(lines[4]).toMatch(/^PASS set\/e-good\.ipynb: 1 cells/);
    expect(lines[5]).toBe("2 passed, 3 failed");
    expect(run.status).toBe(1);
    // executed notebooks are written, outputs included, cell ids kept
    const executed = readNotebook(path.join(out, "a-good.ipynb"));
    expect(executed.cells.map((c) => c.id)).toEqual(["c0", "c1"]);
    expect(executed.cells[0]).toMatchObject({ outputs: [{ output_type: "stream", text: ["hello\n"] }] });
  });

  it("exits 0 when everything passes, and 1 for a missing path", () => {
    const ok = spawnSync(process.execPath, [BIN, "run", path.join(dir, "set", "e-good.ipynb")], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(ok.stdout).toMatch(/1 passed, 0 failed\n$/);
    expect(ok.status).toBe(0);
    const missing = spawnSync(process.execPath, [BIN, "run", path.join(dir, "nope.ipynb")], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(missing.stdout).toContain("nope.ipynb: no such notebook or folder");
    expect(missing.status).toBe(1);
  });

  it("reports a server that will not start as one clear error", () => {
    const run = spawnSync(process.execPath, [BIN, "run", path.join(dir, "set", "e-good.ipynb"), "--server", "http://127.0.0.1:9", "--token", "x"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(run.stdout).toMatch(/^FAIL Jupyter server: no Jupyter server answers at http:\/\/127\.0\.0\.1:9\//m);
    expect(run.stdout).toMatch(/0 passed, 1 failed\n$/);
    expect(run.status).toBe(1);
  });

  it("shuts the server and kernel down on Ctrl-C", async () => {
    const slowDir = path.join(dir, "slow");
    fs.mkdirSync(slowDir);
    writePython(path.join(slowDir, "slow.ipynb"), ["import time\ntime.sleep(300)"]);
    const child = spawn(process.execPath, [BIN, "run", slowDir], { cwd: slowDir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    // Wait until the kernel (ipykernel, cwd = slowDir) runs, by its command line: counting processes also counted
    // short-lived helpers, which could be gone by the time the count was checked again.
    const kernelRuns = () => processesUnder(slowDir).some((pid) => commandLine(pid).includes("ipykernel"));
    const deadline = Date.now() + 60_000;
    while (!kernelRuns() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(kernelRuns()).toBe(true);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain("shutting down");
    const settle = Date.now() + 10_000;
    while (processesUnder(slowDir).length > 0 && Date.now() < settle) await new Promise((r) => setTimeout(r, 200));
    expect(processesUnder(slowDir)).toEqual([]);
  });
});
