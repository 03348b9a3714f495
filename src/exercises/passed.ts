// The ✓ line a passing check shows; a display that fails must never fail a correct answer.

import { displayBundle } from "../display/display";

function escapeHtml(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out += c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c;
  }
  return out;
}

export { escapeHtml };

/** Shows "✓ message" as one output (green in JupyterLab, plain text elsewhere). */
export function showPassed(message: string): void {
  const text = "✓ " + message;
  try {
    displayBundle({
      "text/plain": text,
      "text/html": `<div style="color:#1a7f37;font-family:monospace">${escapeHtml(text)}</div>`,
    });
  } catch {
    // The learner's code may have broken console or the display sink; the answer is still right.
  }
}
