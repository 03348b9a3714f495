// selfCheck(id): a review question whose answer stays folded until the learner asks for it.
//
// Question and answer live in the review tables (src/exercises/review/), not in the notebook: a cell holds only
// the id, so no cell's source gives an answer away.

import { displayBundle } from "../display/display";
import { ErrorCtor, freeze } from "./intrinsics";
import { escapeHtml } from "../display/html";
import { reviewFor, reviewIds } from "./review/registry";

// Paragraphs on blank lines, line breaks kept; LaTeX ($…$) passes through for JupyterLab to typeset.
function paragraphs(text: string, lead = ""): string {
  let html = "<p>" + lead;
  let newlines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      newlines++;
      continue;
    }
    if (newlines === 1) html += "<br>";
    else if (newlines > 1) html += "</p><p>";
    newlines = 0;
    html += escapeHtml(c);
  }
  return html + "</p>";
}

/** Shows review question `reviewId` with a folded "Show answer" (HTML), or question then answer (plain text). */
export function selfCheck(reviewId: string): void {
  if (typeof reviewId !== "string") throw new ErrorCtor(`selfCheck: the review id must be a string like "ch03-negative-w1", got ${typeof reviewId}`);
  const review = reviewFor(reviewId);
  if (review === undefined) {
    const prefix = reviewId.slice(0, 5);
    const near = reviewIds().filter((id) => id.slice(0, 5) === prefix);
    throw new ErrorCtor(`selfCheck: no review question with id "${reviewId}"` + (near.length > 0 ? `; this notebook's are ${near.join(", ")}` : ""));
  }
  const { question, answer } = review;
  displayBundle({
    "text/plain": `Check yourself: ${question}\n\n  (answer, once you have thought about it)\n  ${answer}`,
    "text/html":
      `<div class="bpl-self-check" style="border-left:3px solid #4c72b0;padding:2px 10px;margin:4px 0">` +
      paragraphs(question, "<b>Check yourself:</b> ") +
      `<details><summary style="cursor:pointer;color:#4c72b0">Show answer</summary>${paragraphs(answer)}</details></div>`,
  });
}

freeze(selfCheck);
