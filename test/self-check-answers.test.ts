// No cell of any notebook carries a review answer: selfCheck cells name a review id, the answers live in src/exercises/review.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/grading/course";
import { sourceOf } from "../src/grading/cells";
import { reviewFor, reviewIds } from "../src/exercises/review/registry";

const course = loadCourse([path.join(__dirname, "..", "notebooks")]);
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("review answers stay out of the notebooks", () => {
  it("every selfCheck call is selfCheck(\"<id>\") with a known id of its own notebook", () => {
    const problems: string[] = [];
    for (const notebook of course.notebooks) {
      for (const cell of notebook.source.cells.filter((c) => c.cell_type === "code")) {
        const source = sourceOf(cell);
        const calls = [...source.matchAll(/selfCheck\s*\(([^)]*)\)/g)];
        for (const [call, args] of calls) {
          const id = /^\s*"([\w-]+)"\s*$/.exec(args)?.[1];
          if (id === undefined) problems.push(`${notebook.name} ${cell.id}: ${call} must pass one review id and nothing else`);
          else if (reviewFor(id) === undefined) problems.push(`${notebook.name} ${cell.id}: unknown review id "${id}"`);
          else if (!id.startsWith(`ch${notebook.name.slice(0, 2)}-`)) problems.push(`${notebook.name} ${cell.id}: "${id}" belongs to another notebook`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("every review question is asked exactly once, in its notebook", () => {
    const asked = course.notebooks.flatMap((n) => n.source.cells.flatMap((c) => [...sourceOf(c).matchAll(/selfCheck\("([\w-]+)"\)/g)].map((m) => m[1])));
    for (const id of reviewIds()) expect(asked.filter((a) => a === id), id).toHaveLength(1);
  });

  it("no visible cell, in the instructor's notebook or its release, holds a review answer or a long piece of one", () => {
    const problems = new Set<string>();
    const answers = reviewIds().map((id) => ({ id, text: squash(reviewFor(id)!.answer) }));
    for (const notebook of course.notebooks) {
      for (const cell of [...notebook.source.cells, ...notebook.release.cells]) {
        const source = squash(sourceOf(cell));
        for (const { id, text } of answers) {
          // any 100 characters of an answer in a row would give it away (shorter runs are the course's stock phrases)
          for (let at = 0; at + 100 <= Math.max(text.length, 100); at += 20) {
            if (source.includes(text.slice(at, at + 100))) {
              problems.add(`${notebook.name} ${cell.id}: holds ${id}'s answer ("${text.slice(at, at + 100)}…")`);
              break;
            }
          }
        }
      }
    }
    expect([...problems]).toEqual([]);
  });
});
