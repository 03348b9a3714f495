// Grading mode (src/grading/lockdown.ts) in a child process: tampering with built-ins, the module and process fails;
// honest code and the module's checks keep working.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

describe("lockdownForGrading", () => {
  it("blocks every tamper attempt and leaves honest code working", () => {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "test", "fixtures", "grading", "lockdown-probe.ts")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(Object.entries(result.blocked).filter(([, blocked]) => !blocked).map(([name]) => name)).toEqual([]);
    expect(Object.keys(result.blocked).length).toBe(19);
    expect(result.honest).toBe(true);
    expect(result.rightPasses).toBe(true);
    expect(result.wrongFails).toBe(true);
    expect(result.valueGrad).toBe(5);
    expect(result.pinned).toBeGreaterThan(10);
  }, 60_000);
});
