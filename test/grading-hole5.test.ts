// Issue 14 hole 5 on the curriculum: answers that lie through their own methods, Proxies or getters, and values
// hard-coded in editable cells, graded by autograde through the real kernel, score exactly their honest points.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { autograde } from "../src/grading/autograde";
import { loadCourse } from "../src/grading/course";
import { HOLE5, submission } from "./fixtures/hole5/submissions";

const NOTEBOOKS = path.join(__dirname, "..", "notebooks");

describe("hole 5: checks trust neither the answer's own methods nor editable cells", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grading-hole5-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("each adversarial submission scores exactly its honest points", async () => {
    const course = loadCourse([NOTEBOOKS]);
    const used = course.notebooks.filter((n) => HOLE5.some((s) => s.notebook === n.name));
    const submissions = path.join(tmp, "submissions");
    for (const s of HOLE5) {
      const release = used.find((n) => n.name === s.notebook)!.release;
      fs.mkdirSync(path.join(submissions, s.student), { recursive: true });
      fs.writeFileSync(path.join(submissions, s.student, s.notebook), JSON.stringify(submission(release, s.edits), null, 1));
    }
    const summary = await autograde({ submissions, course: { ...course, notebooks: used }, out: path.join(tmp, "out"), jobs: 1, timeoutSec: 120, memoryMb: 1024, showHidden: false });
    const got: { [student: string]: number } = {};
    const messages: string[] = [];
    for (const result of summary.results) {
      const mine = result.notebooks.find((n) => n.notebook === HOLE5.find((s) => s.student === result.student)!.notebook)!;
      got[result.student] = mine.rows.reduce((sum, row) => sum + (row.points ?? 0), 0);
      for (const row of mine.rows) messages.push(`${result.student} ${row.cell}: ${row.message ?? ""}`);
    }
    expect(got).toEqual(Object.fromEntries(HOLE5.map((s) => [s.student, s.honest])));
    const text = messages.join("\n");
    expect(text).toMatch(/lying-arrays ch04-delta-hidden-tests: .*deltaHidden is a Proxy/);
    expect(text).toMatch(/lying-arrays ch04-dW1-tests: .*dW1\[0\]\[0\] is a getter or setter/);
  }, 1_200_000);
});
