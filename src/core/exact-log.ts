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

const LOG_TABLE_HI = Float64Array.from(LOG_TABLE, (d) => d[0]);
const LOG_TABLE_LO = Float64Array.from(LOG_TABLE, (d) => d[1]);

/**
 * ln(x) rounded to the nearest double. Positive finite x only (the callers guarantee it);
 * anything else falls back to Math.log, which handles 0, negatives, Infinity and NaN the IEEE way.
 * The double-double steps are written out inline (no tuples) because randn calls this per pair.
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
  // den = m + c as double-double (twoSum)
  const dh = m + c;
  let bb = dh - m;
  const dl = m - (dh - bb) + (c - bb);
  // s = num / den as double-double: one correction step with an exact product
  const sh = num / dh;
  let t = SPLITTER * sh;
  const shH = t - (t - sh);
  const shL = sh - shH;
  t = SPLITTER * dh;
  const dhH = t - (t - dh);
  const dhL = dh - dhH;
  const ph = sh * dh;
  const pl = shH * dhH - ph + shH * dhL + shL * dhH + shL * dhL;
  const sl = (num - ph - pl - sh * dl) / dh;
  const s0 = sh + sl;
  const s1 = sl - (s0 - sh);
  // q = s² (double-double)
  t = SPLITTER * s0;
  const s0H = t - (t - s0);
  const s0L = s0 - s0H;
  let q0 = s0 * s0;
  let q1 = s0H * s0H - q0 + 2 * s0H * s0L + s0L * s0L + 2 * s0 * s1;
  t = q0 + q1;
  q1 = q1 - (t - q0);
  q0 = t;
  // r = q · s = s³ (double-double)
  t = SPLITTER * q0;
  const q0H = t - (t - q0);
  const q0L = q0 - q0H;
  let r0 = q0 * s0;
  let r1 = q0H * s0H - r0 + q0H * s0L + q0L * s0H + q0L * s0L + (q0 * s1 + q1 * s0);
  t = r0 + r1;
  r1 = r1 - (t - r0);
  r0 = t;
  // u = (2/3) s³ (double-double)
  t = SPLITTER * r0;
  const r0H = t - (t - r0);
  const r0L = r0 - r0H;
  const a0 = TWO_THIRDS[0];
  t = SPLITTER * a0;
  const a0H = t - (t - a0);
  const a0L = a0 - a0H;
  const u0 = r0 * a0;
  const u1 = r0H * a0H - u0 + r0H * a0L + r0L * a0H + r0L * a0L + (r0 * TWO_THIRDS[1] + r1 * a0);
  // 2 atanh(s) = 2s + (2/3)s³ + 2s (s⁴/5 + s⁶/7 + s⁸/9 + s¹⁰/11); the tail is below 2^-36 of 2s, so doubles suffice
  const z = sh * sh;
  const rest = 2 * sh * z * z * (1 / 5 + z * (1 / 7 + z * (1 / 9 + z / 11)));
  // y = 2s + u + rest + log(c) + k ln2, summed as double-double (a0 + a1 kept normalized)
  let y0 = 2 * s0;
  let y1 = 2 * s1;
  let e: number;
  // y += u
  let sum = y0 + u0;
  bb = sum - y0;
  e = y0 - (sum - bb) + (u0 - bb) + y1 + u1;
  y0 = sum + e;
  y1 = e - (y0 - sum);
  // y += rest
  sum = y0 + rest;
  bb = sum - y0;
  e = y0 - (sum - bb) + (rest - bb) + y1;
  y0 = sum + e;
  y1 = e - (y0 - sum);
  // y += log(c)
  const lc0 = LOG_TABLE_HI[j - TABLE_LO];
  const lc1 = LOG_TABLE_LO[j - TABLE_LO];
  sum = y0 + lc0;
  bb = sum - y0;
  e = y0 - (sum - bb) + (lc0 - bb) + y1 + lc1;
  y0 = sum + e;
  y1 = e - (y0 - sum);
  if (k !== 0) {
    // y += k ln2, with k · LN2[0] exact as a double-double
    const kh = k * LN2[0];
    t = SPLITTER * k;
    const kH = t - (t - k);
    const kL = k - kH;
    t = SPLITTER * LN2[0];
    const lH = t - (t - LN2[0]);
    const lL = LN2[0] - lH;
    const kl = kH * lH - kh + kH * lL + kL * lH + kL * lL + k * LN2[1];
    sum = y0 + kh;
    bb = sum - y0;
    e = y0 - (sum - bb) + (kh - bb) + y1 + kl;
    y0 = sum + e;
    y1 = e - (y0 - sum);
  }
  return y0 + y1;
}
