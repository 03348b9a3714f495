// The grader's warmed tsx cache is the one a sandboxed kernel looks for: tsx keys its cache by the effective
// uid and by the tsconfig it finds from its cwd, and a miss means every grading kernel compiles src/ again.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SCRATCH_TMP, seedCompileCache, warmCompileCache } from "../src/grading/kernelspec";
import { SANDBOX_GID, SANDBOX_UID } from "../src/grading/sandbox";
import { PROJECT_ROOT } from "../src/project-root";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-compile-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the grader's compile cache", () => {
  it("is found by a kernel that runs as the sandbox's user in a scratch folder: loading the module compiles nothing", () => {
    const cache = path.join(tmp, "cache");
    warmCompileCache(cache, "os");
    const name = `tsx-${SANDBOX_UID}`;
    expect(fs.readdirSync(cache)).toEqual([name]);
    const warmed = fs.readdirSync(path.join(cache, name)).sort();
    expect(warmed.length).toBeGreaterThan(20);

    const work = path.join(tmp, "work");
    fs.mkdirSync(work);
    seedCompileCache(cache, work);
    spawnSync("chown", ["-R", `${SANDBOX_UID}:${SANDBOX_GID}`, tmp]);
    fs.chmodSync(tmp, 0o755);
    // What a grading kernel loads at start, as the sandbox's user, with the kernel's TMPDIR and working folder.
    const script = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register(); require(${JSON.stringify(path.join(PROJECT_ROOT, "src", "index.ts"))});`;
    const run = spawnSync("setpriv", [`--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_GID}`, "--clear-groups", process.execPath, "-e", script], {
      cwd: work,
      env: { PATH: process.env.PATH, TMPDIR: SCRATCH_TMP },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(work, SCRATCH_TMP, name)).sort()).toEqual(warmed);
  }, 180_000);
});
