// Shards on a real batch engine: GNU parallel runs `autograde --shard {}/2` twice, `merge` joins them, and the
// merged gradebook equals one unsharded run's byte for byte (the per-student results apart from their timings).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClass, SOURCE_DIR } from "./fixtures/grading/make-class";
import { BIN, CliRun, runCli, runProcess } from "./helpers/cli";

// One small notebook (one answer, one test) keeps this to a few kernel starts on a shared 2-core machine.
const SOURCE = path.join(SOURCE_DIR, "ps2-chain.ipynb");
const STUDENTS = ["all-right", "fake-pass", "edit-locked", "untouched"];
const OPTIONS = ["--jobs", "1", "--timeout", "6", "--memory", "256"];

/** Every file of a gradebook folder; in results/ the seconds each student and notebook took are set aside. */
function contents(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, "utf8");
    const timeless = path.basename(entry.parentPath) === "results" ? text.replace(/"(seconds|spentSeconds)": [\d.e+-]+/g, '"$1": 0') : text;
    files.set(path.relative(dir, file), timeless);
  }
  return files;
}

describe("sharded autograde with GNU parallel, then merge", () => {
  let tmp: string;
  let submissions: string;
  let sharded: CliRun;
  let single: CliRun;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-shards-"));
    submissions = path.join(tmp, "submissions");
    makeClass(submissions, STUDENTS);
    const shardOut = path.join(tmp, "shard-{}");
    sharded = await runProcess("parallel", ["--halt", "now,fail=1", "--jobs", "2", process.execPath, BIN, "autograde", submissions, "--source", SOURCE, "--out", shardOut, "--shard", "{}/2", ...OPTIONS, ":::", "1", "2"]);
    single = await runCli(["autograde", submissions, "--source", SOURCE, "--out", path.join(tmp, "single"), ...OPTIONS]);
  }, 900_000);

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("grades half the class in each shard", () => {
    expect(sharded.code, sharded.stderr).toBe(0);
    expect(single.code, single.stderr).toBe(0);
    const graded = [1, 2].map((i) => fs.readdirSync(path.join(tmp, `shard-${i}`, "results")).sort());
    expect(graded).toEqual([["all-right.json", "fake-pass.json"], ["edit-locked.json", "untouched.json"]]);
  });

  it("merges into the gradebook, LMS export, feedback and results of a single run", async () => {
    const merged = await runCli(["merge", path.join(tmp, "shard-1"), path.join(tmp, "shard-2"), "--out", path.join(tmp, "merged")]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain(`merged ${STUDENTS.length} student(s) from 2 folder(s)`);
    const one = contents(path.join(tmp, "single"));
    const joined = contents(path.join(tmp, "merged"));
    expect([...joined.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [file, text] of one) expect(joined.get(file), file).toBe(text);
    // Not vacuous: the class has full marks, zero and an edited test cell in it.
    expect(one.get("gradebook.csv")).toContain("all-right,ps2-chain.ipynb,chain-tests,2,2,passed,");
    expect(one.get("gradebook.csv")).toContain("untouched,ps2-chain.ipynb,chain-tests,0,2,");
  });
});
