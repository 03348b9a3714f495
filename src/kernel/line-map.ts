// Maps lines of a cell's compiled JavaScript back to its TypeScript lines, so runtime tracebacks
// point at what the learner wrote. Emit keeps statement order, so a monotonic alignment of lines by
// shared tokens (identifiers, numbers, strings) finds each statement's source line.

const TOKEN = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|`[^`]*`/g;
const NOISE = new Set(["exports", "require", "Object", "defineProperty", "enumerable", "get", "function", "void", "0"]);
const MIN_SIMILARITY = 0.34;

function tokens(line: string): string[] {
  return (line.match(TOKEN) ?? []).map((t) => t.replace(/_\d+$/, "")).filter((t) => !NOISE.has(t));
}

function similarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const t of b) pool.set(t, (pool.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of a) {
    const n = pool.get(t) ?? 0;
    if (n > 0) {
      shared += 1;
      pool.set(t, n - 1);
    }
  }
  return shared / Math.max(a.length, b.length);
}

/** Returns compiled line (1-based) → source line (1-based), or undefined where nothing matches. */
export function alignLines(compiled: string, source: string): (line: number) => number | undefined {
  const js = compiled.split("\n").map(tokens);
  const ts = source.split("\n").map(tokens);
  const rows = js.length + 1;
  const cols = ts.length + 1;
  const best = new Float64Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const s = similarity(js[i - 1], ts[j - 1]);
      const diagonal = best[(i - 1) * cols + j - 1] + (s >= MIN_SIMILARITY ? s : 0);
      best[i * cols + j] = Math.max(best[(i - 1) * cols + j], best[i * cols + j - 1], diagonal);
    }
  }
  const match = new Map<number, number>();
  for (let i = rows - 1, j = cols - 1; i > 0 && j > 0; ) {
    const s = similarity(js[i - 1], ts[j - 1]);
    if (s >= MIN_SIMILARITY && best[i * cols + j] === best[(i - 1) * cols + j - 1] + s) {
      match.set(i, j);
      i--;
      j--;
    } else if (best[i * cols + j] === best[(i - 1) * cols + j]) i--;
    else j--;
  }
  return (line) => match.get(line);
}
