// prompt() through jupyter_client, the library JupyterLab's server and the console use: answered (plain and
// password), refused where the client allows no input (nbconvert, the runner, the grader), and interrupted.

import { spawnSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import os from "os";
import path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

interface Run {
  status: string;
  ename: string | null;
  evalue: string | null;
  results: string[];
}

describe("prompt() over the stdin channel", () => {
  it("asks the front end, refuses without allow_stdin, and stops on interrupt", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "bpl-stdin-"));
    const run = spawnSync(path.join(ROOT, ".venv", "bin", "python"), [path.join(__dirname, "stdin", "prompt_client.py"), scratch], {
      env: { ...process.env, JUPYTER_PATH: path.join(ROOT, ".venv", "share", "jupyter") },
      encoding: "utf8",
      timeout: 170_000,
    });
    rmSync(scratch, { recursive: true, force: true }); // the child is done with it
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(run.stdout.trim().split("\n").pop()!) as { [scenario: string]: Run } & { prompts: unknown[] };

    expect(report.prompts).toEqual([
      { prompt: "Your name? ", password: false },
      { prompt: "Password: ", password: true },
      { prompt: "Never answered: ", password: false },
    ]);
    expect(report.answered).toMatchObject({ status: "ok", results: ["'Ada/6'"] });
    expect(report.not_allowed.status).toBe("error");
    expect(report.not_allowed.ename).toBe("StdinNotImplementedError");
    expect(report.not_allowed.evalue).toContain('prompt("Your name? ") needs someone to type an answer');
    expect(report.interrupted).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    // The kernel is usable after an interrupted prompt.
    expect(report.after).toMatchObject({ status: "ok", results: ["2"] });
  }, 180_000);
});
