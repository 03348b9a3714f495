// A cell whose value is an array of plain records shows it as a table (as a data frame does in Python).

import { inspect } from "util";
import { escapeHtml } from "../display/html";

/** Rows drawn before the table says how many were left out; the text/plain form has its own cap. */
export const TABLE_ROWS = 50;

type Row = { [column: string]: unknown };

function isPlainObject(value: unknown): value is Row {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A non-empty array whose every element is a plain object literal (not a class instance, not an array). */
export function isRecordArray(value: unknown): value is Row[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

/** Columns in the order they first appear, so records with different keys share one header. */
function columnsOf(rows: readonly Row[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function cellHtml(row: Row, column: string): string {
  if (!Object.prototype.hasOwnProperty.call(row, column)) return "<td></td>";
  const value = row[column];
  if (typeof value === "string") return `<td>${escapeHtml(value)}</td>`;
  const text = inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 8, maxStringLength: 120 });
  const numeric = typeof value === "number" || typeof value === "bigint";
  return `<td${numeric ? ' style="text-align: right"' : ""}>${escapeHtml(text)}</td>`;
}

/** rows → an HTML table with a row-number column; past TABLE_ROWS, a line says how many rows are not shown. */
export function recordsTable(rows: readonly Row[]): string {
  const columns = columnsOf(rows);
  const shown = rows.slice(0, TABLE_ROWS);
  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = shown.map((row, i) => `<tr><th>${i}</th>${columns.map((c) => cellHtml(row, c)).join("")}</tr>`).join("");
  const left = rows.length - shown.length;
  const note = left > 0 ? `<p>${left} more row${left === 1 ? "" : "s"} not shown (${rows.length} in all).</p>` : "";
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>${note}`;
}
