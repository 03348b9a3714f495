// gradebook.csv: fields a spreadsheet would run as formulas stay text (OWASP CSV injection), quoting stays valid.
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./gradebook";

describe("gradebook CSV", () => {
  it("neutralises every formula-starting character in text fields", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const field = csvField(`${start}HYPERLINK("http://x","y")`);
      // The cell a spreadsheet sees (quotes undone) must begin with ' and never with the formula character.
      const cell = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
      expect(cell.startsWith(`'${start}`), JSON.stringify(field)).toBe(true);
    }
  });

  it("leaves numbers, empty cells and ordinary text alone", () => {
    expect(csvField(-0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(csvField("Error: expected 0.25")).toBe("Error: expected 0.25");
    expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
  });

  it("writes an injected error name as text in the gradebook row", () => {
    const csv = toCsv([{ student: "s", notebook: "n.ipynb", cell: "q1-tests", points: 0, max: 2, status: "failed", message: '=cmd|"/c calc"!A1: boom' }]);
    expect(csv.split("\n")[1]).toBe(`s,n.ipynb,q1-tests,0,2,failed,"'=cmd|""/c calc""!A1: boom"`);
  });
});
