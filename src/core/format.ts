/** Text for a [rows, cols] array, like numpy's print: 6 significant digits, long axes cut to their ends with "…". */

const EDGE = 3; // values kept at each end of a long axis
const LIMIT = 10; // axes longer than this are cut

export function formatRows(data: ArrayLike<number>, rows: number, cols: number): string {
  const pick = (n: number) => (n > LIMIT ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n));
  const lines = pick(rows).map((i) => {
    if (i < 0) return "…";
    return "[" + pick(cols).map((j) => (j < 0 ? "…" : formatNumber(data[i * cols + j]))).join(", ") + "]";
  });
  return `[${lines.join(",\n ")}]`;
}

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, k) => a + k);
}
