// Number formatting for labels, hover text and summaries.

/** Short, readable number: 4 significant digits, exponent form for very small or large values. */
export function fmt(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(Math.max(0, digits - 2));
  return String(Number(value.toPrecision(digits)));
}

/** Fixed decimals with a typographic minus, for labels drawn on the chart (lesson 003 style). */
export function fixed(value: number, decimals = 3): string {
  const s = value.toFixed(decimals);
  return s.startsWith("-") ? "\u2212" + s.slice(1) : s;
}

/** "2.4 s", "0:17", "1:02:03" from seconds. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}

/** Smallest finite value (Math.min(...xs) overflows the stack on long training runs). */
export function minOf(xs: readonly number[]): number {
  let m = Infinity;
  for (const x of xs) if (Number.isFinite(x) && x < m) m = x;
  return m;
}

export function maxOf(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) if (Number.isFinite(x) && x > m) m = x;
  return m;
}
