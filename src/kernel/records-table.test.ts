// recordsTable: a list of plain records shows as an HTML table, escaped; anything else is not a record array.
import { describe, expect, it } from "vitest";
import { isRecordArray, recordsTable, TABLE_ROWS } from "./records-table";

describe("records as a table", () => {
  it("recognises arrays of plain objects only", () => {
    expect(isRecordArray([{ a: 1 }, Object.create(null)])).toBe(true);
    expect(isRecordArray([])).toBe(false);
    expect(isRecordArray([{ a: 1 }, 2])).toBe(false);
    expect(isRecordArray([[1, 2]])).toBe(false);
    expect(isRecordArray([new Date(0)])).toBe(false);
    expect(isRecordArray([new (class Point { x = 1 })()])).toBe(false);
  });

  it("puts every column in first-seen order, escapes text and leaves missing cells empty", () => {
    const html = recordsTable([{ lr: 0.1, note: "<b>fast</b>" }, { lr: 0.5, acc: 0.93 }]);
    expect(html).toBe(
      "<table><thead><tr><th></th><th>lr</th><th>note</th><th>acc</th></tr></thead><tbody>" +
        '<tr><th>0</th><td style="text-align: right">0.1</td><td>&lt;b&gt;fast&lt;/b&gt;</td><td></td></tr>' +
        '<tr><th>1</th><td style="text-align: right">0.5</td><td></td><td style="text-align: right">0.93</td></tr>' +
        "</tbody></table>",
    );
  });

  it("caps long arrays and says how many rows were left out", () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({ step: i }));
    const html = recordsTable(rows);
    expect(html.match(/<tr><th>\d+<\/th>/g)).toHaveLength(TABLE_ROWS);
    expect(html).toContain(`<p>${1234 - TABLE_ROWS} more rows not shown (1234 in all).</p>`);
  });
});
