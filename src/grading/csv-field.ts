// One CSV field as every CSV the grader writes needs it: quoted when needed, never read as a spreadsheet formula.

// OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula (or DDE command).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field; text that a spreadsheet would read as a formula gets a leading ' so it stays text. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
