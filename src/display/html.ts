// Text made safe to place inside HTML, for every output that builds markup (charts, tables, reports, check results).

/**
 * Escapes &, <, >, " and ' (enough for text content and quoted attribute values).
 * A plain loop, no String.prototype methods: exercise checks call it after learner code ran, which may have patched them.
 */
export function escapeHtml(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out += c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c === "'" ? "&#39;" : c;
  }
  return out;
}
