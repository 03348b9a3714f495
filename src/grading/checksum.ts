// nbgrader-compatible cell checksums: md5 over source, type, roles, grade_id and points (utils.compute_checksum).

import { createHash } from "node:crypto";
import { Cell, gradeIdOf, isGrade, isLocked, isSolution, pointsOf, sourceOf } from "./cells";

/** Python's str(float(x)): "2.0", "0.5", "1e-05", "1.5e+16" (nbgrader hashes points this way). */
export function pythonFloatString(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e");
  const exponent = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${rest}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction.length > 0 ? fraction : "0"}`;
}

const pyBool = (b: boolean): string => (b ? "True" : "False");

/** The checksum nbgrader stores in metadata.nbgrader.checksum and compares at autograde time. */
export function computeChecksum(cell: Cell): string {
  const md5 = createHash("md5");
  md5.update(sourceOf(cell), "utf8");
  md5.update(cell.cell_type, "utf8");
  md5.update(pyBool(isGrade(cell)));
  md5.update(pyBool(isSolution(cell)));
  md5.update(pyBool(isLocked(cell)));
  md5.update(gradeIdOf(cell) ?? "", "utf8");
  if (isGrade(cell)) md5.update(pythonFloatString(pointsOf(cell)));
  return md5.digest("hex");
}
