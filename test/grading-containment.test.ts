// Containment through the real server and kernel: every escape, tamper, signal and memory attack scores only its honest points.
//
// autograde runs in the OS sandbox (the default) with TMPDIR one level below /tmp, where the type checker's
// watcher once broke every cell. The class is test/fixtures/grading/containment-class.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autograde, AutogradeSummary } from "../src/grading/autograde";
import { loadCourse } from "../src/grading/course";
import { SOURCE_DIR } from "./fixtures/grading/make-class";
import { PS1, makeContainmentClass } from "./fixtures/grading/containment-class";
import { setUpGradingWorker } from "../src/grading/worker-setup";

describe("a sandboxed worker's setup", () => {
  it("keeps its ipc runtime folder short and removes it on cleanup", () => {
    const root = fs.mkdtempSync(path.join("/tmp", "bpl-containment-setup-"));
    try {
      const worker = setUpGradingWorker(path.join(root, "a", "deeply", "nested", "worker"), 256, "os");
      const runtime = worker.serverEnv.JUPYTER_RUNTIME_DIR ?? "";
      expect(fs.statSync(runtime).isDirectory()).toBe(true);
      // kernel-<36-char uuid>-ipc-<port> must still fit a Unix socket path (107 bytes).
      expect(runtime.length + "/kernel-00000000-0000-0000-0000-000000000000-ipc-65535".length).toBeLessThan(108);
      worker.cleanup();
      expect(fs.existsSync(runtime)).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("autograde in the OS sandbox against containment attacks", () => {
  let tmp: string;
  let out: string;
  let submissions: string;
  let expected: { [student: string]: number };
  let summary: AutogradeSummary;
  const tmpdir = process.env.TMPDIR;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join("/tmp", "bpl-containment-"));
    submissions = path.join(tmp, "submissions");
    out = path.join(tmp, "out");
    expected = makeContainmentClass(submissions, out);
    // One level below /tmp, for the kernels' scratch folders too.
    process.env.TMPDIR = tmp;
    try {
      const course = loadCourse([path.join(SOURCE_DIR, PS1)]);
      summary = await autograde({ submissions, course, out, jobs: 2, timeoutSec: 30, memoryMb: 1024, showHidden: false });
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
  }, 900_000);

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("grades every student, none 'not graded'", () => {
    expect(summary.graded.sort()).toEqual(Object.keys(expected).sort());
    const notGraded = summary.results.flatMap((r) => r.notebooks.filter((n) => n.infraError !== undefined).map((n) => `${r.student}: ${n.infraError}`));
    expect(notGraded).toEqual([]);
  });

  it("scores every student exactly the points of their honest answers", () => {
    const points = Object.fromEntries(summary.results.map((r) => [r.student, r.notebooks.flatMap((n) => n.rows).reduce((sum, row) => sum + (row.points ?? 0), 0)]));
    expect(points).toEqual(expected);
  });

  it("lets no kernel write outside its scratch folder", () => {
    expect(fs.existsSync(path.join(out, "escaped.txt"))).toBe(false);
  });

  it("leaves nothing of the sandbox behind", () => {
    expect(fs.readdirSync(tmp).filter((name) => name.startsWith("backprop-grade-"))).toEqual([]);
  });
});
