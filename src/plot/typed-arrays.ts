// Long numeric arrays of a Plotly figure as base64 typed arrays ({ dtype, bdata, shape }), which plotly.js reads natively.
//
// Why: a saved notebook stores JSON with one number per line; a 24-digit grid (18,816 pixels) took
// 300 kB that way and 25 kB as bytes. Short arrays stay plain JSON, readable in the file.

/** Arrays with fewer numbers than this stay plain. */
export const TYPED_ARRAY_MIN = 256;

/** Trace keys that hold data arrays every trace type we draw accepts as typed arrays. */
const DATA_KEYS = ["x", "y", "z"];

export interface TypedArraySpec {
  dtype: "u1" | "i4" | "f8";
  bdata: string;
  shape?: string;
}

function numbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === "number" && Number.isFinite(v));
}

function encode(flat: number[], shape?: string): TypedArraySpec {
  const ints = flat.every(Number.isInteger);
  const array =
    ints && flat.every((v) => v >= 0 && v <= 255)
      ? Uint8Array.from(flat)
      : ints && flat.every((v) => v >= -(2 ** 31) && v < 2 ** 31)
        ? Int32Array.from(flat)
        : Float64Array.from(flat);
  const dtype = array instanceof Uint8Array ? "u1" : array instanceof Int32Array ? "i4" : "f8";
  // Typed arrays are little-endian on every platform Node and browsers run on, as plotly.js expects.
  const bdata = Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
  return shape === undefined ? { dtype, bdata } : { dtype, bdata, shape };
}

/** A long finite numeric vector or rectangular matrix as a typed-array spec; anything else unchanged. */
export function compactArray(value: unknown): unknown {
  if (numbers(value)) return value.length >= TYPED_ARRAY_MIN ? encode(value) : value;
  if (Array.isArray(value) && value.length > 0 && value.every(numbers)) {
    const rows = value as number[][];
    const cols = rows[0].length;
    if (cols > 0 && rows.every((row) => row.length === cols) && rows.length * cols >= TYPED_ARRAY_MIN) return encode(rows.flat(), `${rows.length},${cols}`);
  }
  return value;
}

/** A copy of the trace with its long x, y and z arrays compacted. */
export function compactTrace<T extends object>(trace: T): T {
  const out = { ...trace } as { [key: string]: unknown };
  for (const key of DATA_KEYS) if (key in out) out[key] = compactArray(out[key]);
  return out as T;
}

/** The numbers back from a typed-array spec (rows for a matrix); plain arrays pass through. For tests and tools. */
export function expandArray(value: unknown): unknown {
  const spec = value as Partial<TypedArraySpec> | null;
  if (spec === null || typeof spec !== "object" || typeof spec.bdata !== "string" || typeof spec.dtype !== "string") return value;
  const bytes = Buffer.from(spec.bdata, "base64");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const flat = Array.from(spec.dtype === "u1" ? new Uint8Array(buffer) : spec.dtype === "i4" ? new Int32Array(buffer) : new Float64Array(buffer));
  if (spec.shape === undefined) return flat;
  const [rows, cols] = spec.shape.split(",").map(Number);
  return Array.from({ length: rows }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
}
