// readSubmission: only regular course notebooks directly in the folder are read; links, pipes and big files are refused.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSubmission, refuseStudentFolder } from "./submission";

describe("readSubmission", () => {
  let root: string;
  const limits = { maxNotebookBytes: 100, maxStudentBytes: 150 };
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "submission-"));
    fs.mkdirSync(path.join(root, "ann", ".git"), { recursive: true });
    fs.mkdirSync(path.join(root, "bob"));
    fs.writeFileSync(path.join(root, "bob", "a.ipynb"), "bob's own");
    const ann = (name: string) => path.join(root, "ann", name);
    fs.writeFileSync(ann("a.ipynb"), "x".repeat(80));
    fs.writeFileSync(ann("b.ipynb"), "y".repeat(80)); // 160 bytes with a.ipynb: over the student cap
    fs.symlinkSync(path.join("..", "bob", "a.ipynb"), ann("c.ipynb"));
    execFileSync("mkfifo", [ann("d.ipynb")]);
    execFileSync("truncate", ["-s", "3G", ann("e.ipynb")]);
    fs.writeFileSync(ann("notes.txt"), "unrelated");
    fs.symlinkSync("ann", path.join(root, "copy"));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("reads regular files, refuses the rest with one message each, and lists what it did not read", () => {
    const got = readSubmission(path.join(root, "ann"), ["a.ipynb", "b.ipynb", "c.ipynb", "d.ipynb", "e.ipynb", "f.ipynb"], limits);
    expect([...got.texts.keys()]).toEqual(["a.ipynb"]);
    expect(Object.fromEntries(got.refused)).toEqual({
      "b.ipynb": "b.ipynb was refused: with it this submission would pass the limit of 1 KB per student (--max-student-mb)",
      "c.ipynb": "c.ipynb was refused: it is a symbolic link; only regular files are graded",
      "d.ipynb": "d.ipynb was refused: it is a named pipe; only regular files are graded",
      "e.ipynb": "e.ipynb was refused: it is 3072 MB, over the limit of 1 KB per notebook (--max-notebook-mb)",
      "f.ipynb": "f.ipynb was not submitted",
    });
    expect(got.ignored).toEqual([".git/", "notes.txt"]);
  });

  it("refuses a student folder that is a link", () => {
    expect(refuseStudentFolder(path.join(root, "ann"))).toBeUndefined();
    expect(refuseStudentFolder(path.join(root, "copy"))).toBe("copy: a symbolic link, not a folder; student folders must be real folders, so it is not graded");
  });
});
