// Long numeric arrays of a Plotly figure as base64 typed arrays ({ dtype, bdata, shape }), which plotly.js reads natively.
//
// Why: a saved notebook stores JSON with one number per line; a 24-digit grid took 390 kB that way.
// Short arrays stay plain JSON, readable in the file. A gap (null) becomes NaN, which plotly.js draws
// as a gap too (JSON itself writes NaN as null). Heatmap cells (z) are stored as float32: they only
// pick a colour; x and y keep float64, so hover values stay exact.

/** Arrays with fewer numbers than this stay plain. */
export const TYPED_ARRAY_MIN = 256;

/** Trace keys that hold data arrays every trace type we draw accepts as typed arrays. */
const DATA_KEYS = ["x", "y", "z"];

export interface TypedArraySpec {
  dtype: "u1" | "i4" | "f4" | "f8";
  bdata: string;
  shape?: string;
}

/** Finite numbers and gaps (null), at least one number. */
function numbers(value: unknown): value is (number | null)[] {
  return Array.isArray(value) && value.some((v) => v !== null) && value.every((v) => v === null || (typeof v === "number" && Number.isFinite(v)));
}

function encode(values: (number | null)[], precision: "f4" | "f8", shape?: string): TypedArraySpec {
  const flat = values.map((v) => (v === null ? NaN : v));
  const ints = flat.every(Number.isInteger);
  const array =
    ints && flat.every((v) => v >= 0 && v <= 255)
      ? Uint8Array.from(flat)
      : ints && flat.every((v) => v >= -(2 ** 31) && v < 2 ** 31)
        ? Int32Array.from(flat)
        : precision === "f4"
          ? Float32Array.from(flat)
          : Float64Array.from(flat);
  const dtype = array instanceof Uint8Array ? "u1" : array instanceof Int32Array ? "i4" : array instanceof Float32Array ? "f4" : "f8";
  // Typed arrays are little-endian on every platform Node and browsers run on, as plotly.js expects.
  const bdata = Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
  return shape === undefined ? { dtype, bdata } : { dtype, bdata, shape };
}

/** A long numeric vector or rectangular matrix (gaps allowed) as a typed-array spec; anything else unchanged. */
export function compactArray(value: unknown, precision: "f4" | "f8" = "f8"): unknown {
  if (numbers(value)) return value.length >= TYPED_ARRAY_MIN ? encode(value, precision) : value;
  if (Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row))) {
    const rows = value as unknown[][];
    const cols = rows[0].length;
    const flat = rows.flat();
    if (cols > 0 && rows.every((row) => row.length === cols) && flat.length >= TYPED_ARRAY_MIN && numbers(flat)) return encode(flat, precision, `${rows.length},${cols}`);
  }
  return value;
}

/** A copy of the trace with its long x, y and z arrays compacted. */
export function compactTrace<T extends object>(trace: T): T {
  const out = { ...trace } as { [key: string]: unknown };
  for (const key of DATA_KEYS) if (key in out) out[key] = compactArray(out[key], key === "z" ? "f4" : "f8");
  return out as T;
}

/** The numbers back from a typed-array spec (rows for a matrix); plain arrays pass through. For tests and tools. */
export function expandArray(value: unknown): unknown {
  const spec = value as Partial<TypedArraySpec> | null;
  if (spec === null || typeof spec !== "object" || typeof spec.bdata !== "string" || typeof spec.dtype !== "string") return value;
  const bytes = Buffer.from(spec.bdata, "base64");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const typed = spec.dtype === "u1" ? new Uint8Array(buffer) : spec.dtype === "i4" ? new Int32Array(buffer) : spec.dtype === "f4" ? new Float32Array(buffer) : new Float64Array(buffer);
  const flat = Array.from(typed, (v) => (Number.isNaN(v) ? null : v));
  if (spec.shape === undefined) return flat;
  const [rows, cols] = spec.shape.split(",").map(Number);
  return Array.from({ length: rows }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
}
