// Solution and hidden-test regions in cell source, delimited by nbgrader's markers in TS comments.

export const BEGIN_SOLUTION = "BEGIN SOLUTION";
export const END_SOLUTION = "END SOLUTION";
export const BEGIN_HIDDEN = "BEGIN HIDDEN TESTS";
export const END_HIDDEN = "END HIDDEN TESTS";

/** nbgrader's ClearSolutions.code_stub for TypeScript: valid anywhere a statement is, fails until answered. */
export const TYPESCRIPT_CODE_STUB =
  '// YOUR CODE HERE\nthrow new Error("Not answered yet: replace this line with your answer");';

/** nbgrader's text_stub for written answers. */
export const TEXT_STUB = "YOUR ANSWER HERE";

/** Message prefix the stub throws; the grader reports such a cell as unanswered. */
export const NOT_ANSWERED_PREFIX = "Not answered yet";

export class MarkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MarkerError";
  }
}

interface Region {
  begin: number;
  end: number;
  indent: string;
}

// nbgrader matches markers as substrings of a line (`"BEGIN SOLUTION" in line`), so `// BEGIN SOLUTION` works.
function findRegions(lines: string[], begin: string, end: string, where: string): Region[] {
  const regions: Region[] = [];
  let open: Region | undefined;
  lines.forEach((line, i) => {
    if (line.includes(begin)) {
      if (open) throw new MarkerError(`${where}: "${begin}" on line ${i + 1} opens a region inside the one opened on line ${open.begin + 1}; regions cannot nest`);
      open = { begin: i, end: -1, indent: /^\s*/.exec(line)![0] };
    } else if (line.includes(end)) {
      if (!open) throw new MarkerError(`${where}: "${end}" on line ${i + 1} has no "${begin}" before it`);
      open.end = i;
      regions.push(open);
      open = undefined;
    }
  });
  if (open) throw new MarkerError(`${where}: "${begin}" on line ${open.begin + 1} is never closed with "${end}"`);
  return regions;
}

function replaceRegions(source: string, begin: string, end: string, stub: string | undefined, where: string): { source: string; count: number } {
  const lines = source.split("\n");
  const regions = findRegions(lines, begin, end, where);
  if (regions.length === 0) return { source, count: 0 };
  const out: string[] = [];
  let next = 0;
  for (const region of regions) {
    out.push(...lines.slice(next, region.begin));
    if (stub !== undefined) out.push(...stub.split("\n").map((line) => region.indent + line));
    next = region.end + 1;
  }
  out.push(...lines.slice(next));
  return { source: out.join("\n"), count: regions.length };
}

/** Replaces each solution region (markers included) with the stub, at the marker's indentation. */
export function clearSolutionRegions(source: string, stub: string, where = "cell"): { source: string; count: number } {
  return replaceRegions(source, BEGIN_SOLUTION, END_SOLUTION, stub, where);
}

/** Removes each hidden-test region, markers included. */
export function clearHiddenTests(source: string, where = "cell"): { source: string; count: number } {
  return replaceRegions(source, BEGIN_HIDDEN, END_HIDDEN, undefined, where);
}

/** True when some line of the source contains the marker. */
export function hasMarker(source: string, marker: string): boolean {
  return source.split("\n").some((line) => line.includes(marker));
}

/** Hidden-test source replaced by a one-line note, for feedback shown to students. */
export function redactHiddenTests(source: string): string {
  return replaceRegions(source, BEGIN_HIDDEN, END_HIDDEN, "// (hidden tests)", "cell").source;
}
