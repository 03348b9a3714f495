// selfCheck: a review question whose answer stays folded until the learner asks for it.

import { displayBundle } from "../display/display";
import { freeze } from "./intrinsics";
import { escapeHtml } from "../display/html";

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

/** Shows a question with a folded "Show answer" (HTML), or question then answer (plain text). */
export function selfCheck(question: string, answer: string): void {
  displayBundle({
    "text/plain": `Check yourself: ${question}\n\n  (answer, once you have thought about it)\n  ${answer}`,
    "text/html":
      `<div class="bpl-self-check" style="border-left:3px solid #4c72b0;padding:2px 10px;margin:4px 0">` +
      paragraphs(question, "<b>Check yourself:</b> ") +
      `<details><summary style="cursor:pointer;color:#4c72b0">Show answer</summary>${paragraphs(answer)}</details></div>`,
  });
}

freeze(selfCheck);
