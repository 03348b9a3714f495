/** A correctly rounded natural log in double-double arithmetic, so Gaussian draws match numpy's (C libm) bit for bit. Imports nothing. */

// Why: numpy's legacy Gaussian calls C's log(). glibc's log is correctly rounded for all but ~0.1%
// of inputs, while V8's Math.log (fdlibm) is off by one ulp for ~3% of them, which made about one
// randn value in 30 differ from numpy in the last bit. Rounding the exact log reproduces glibc
// wherever glibc itself is correctly rounded.

type DD = [number, number]; // hi + lo, |lo| <= ulp(hi) / 2

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const TABLE_BITS = 7;
const TABLE_LO = 90; // c_j = j / 128 for j in [90, 182] covers m in [0.703, 1.42]
const TABLE_HI = 182;

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function ddAdd(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = quickTwoSum(s, e + t);
  return quickTwoSum(s2, e2 + f);
}

function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = ddAdd(a, ddNeg(ddMul([q1, 0], b)));
  const q2 = r[0] / b[0];
  const r2 = ddAdd(r, ddNeg(ddMul([q2, 0], b)));
  const q3 = r2[0] / b[0];
  return ddAdd(quickTwoSum(q1, q2), [q3, 0]);
}

function ddNeg(a: DD): DD {
  return [-a[0], -a[1]];
}

/** 2 atanh(s) = 2 (s + s³/3 + s⁵/5 + …) fully in double-double, for the table (|s| <= 0.18, 24 terms). */
function atanh2Slow(s: DD): DD {
  const s2 = ddMul(s, s);
  let term = s;
  let sum: DD = [0, 0];
  for (let n = 0; n < 24; n++) {
    sum = ddAdd(sum, ddDiv(term, [2 * n + 1, 0]));
    term = ddMul(term, s2);
  }
  return ddAdd(sum, sum);
}

/** log(j / 128) as double-double, for j in [TABLE_LO, TABLE_HI]. */
const LOG_TABLE: DD[] = [];
for (let j = TABLE_LO; j <= TABLE_HI; j++) {
  const c = j / 128;
  LOG_TABLE.push(j === 128 ? [0, 0] : atanh2Slow(ddDiv(twoSum(c, -1), twoSum(c, 1))));
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: u32[1] holds sign and exponent
const TWO_THIRDS: DD = ddDiv([2, 0], [3, 0]);

/**
 * ln(x) rounded to the nearest double. Positive finite x only (the callers guarantee it);
 * anything else falls back to Math.log, which handles 0, negatives, Infinity and NaN the IEEE way.
 */
export function exactLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: lift subnormals into the normal range
    k = -54;
  }
  f64[0] = x;
  const hi = u32[1];
  k += ((hi >>> 20) & 0x7ff) - 1023;
  u32[1] = (hi & 0x000fffff) | 0x3ff00000; // mantissa m in [1, 2), exact
  let m = f64[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  // x = 2^k m, m in [0.707, 1.414]; c = j/128 nearest m, so s = (m - c)/(m + c) is tiny (|s| < 2^-8.5)
  const j = Math.round(m * (1 << TABLE_BITS));
  const c = j / 128;
  const num = m - c; // exact (Sterbenz)
  const den = twoSum(m, c);
  const sh = num / den[0];
  const p = twoProd(sh, den[0]);
  const sl = (num - p[0] - p[1] - sh * den[1]) / den[0];
  const s: DD = quickTwoSum(sh, sl);
  // 2 atanh(s) = 2s + (2/3)s³ + 2s (s⁴/5 + s⁶/7 + s⁸/9 + s¹⁰/11): the first two terms in double-double
  const twoS: DD = [2 * s[0], 2 * s[1]];
  const s3 = ddMul(ddMul(s, s), s);
  const z = sh * sh;
  const rest = 2 * sh * z * z * (1 / 5 + z * (1 / 7 + z * (1 / 9 + z / 11)));
  let y = ddAdd(twoS, ddMul(TWO_THIRDS, s3));
  y = ddAdd(y, [rest, 0]);
  y = ddAdd(y, LOG_TABLE[j - TABLE_LO]);
  if (k !== 0) y = ddAdd(y, ddMul([k, 0], LN2));
  return y[0] + y[1];
}
