/** Matrix product of tensors and its gradient, through gemm in every transpose variant (nothing is copied). */
import { gemm } from "../core/gemm";
import { matmulShape } from "../core/shape";
import { Tensor } from "./tensor-core";

export interface TransposeOptions {
  /** use aᵀ (a is stored [k, n]) */
  transA?: boolean;
  /** use bᵀ (b is stored [m, k]) */
  transB?: boolean;
}

/** op(a) [n, k] @ op(b) [k, m] → [n, m], where op transposes when asked. */
export function matmul(a: Tensor, b: Tensor, options: TransposeOptions = {}): Tensor {
  const { transA = false, transB = false } = options;
  const [n, k, m] = matmulShape("matmul", a.shape, b.shape, transA, transB);
  const out = product(transA, transB, n, m, k, a.data, b.data);
  return Tensor.fromOp(out, [n, m], "matmul", [a, b], (dOut, needs) => [
    needs[0] ? gradA(transA, transB, n, m, k, dOut, b.data) : null,
    needs[1] ? gradB(transA, transB, n, m, k, dOut, a.data) : null,
  ]);
}

function product(tA: boolean, tB: boolean, n: number, m: number, k: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(n * m);
  gemm(tA, tB, n, m, k, a, b, c, false);
  return c;
}

/** dA for C = op(A) @ op(B), with dC [n, m]. */
function gradA(tA: boolean, tB: boolean, n: number, m: number, k: number, dC: Float64Array, b: Float64Array): Float64Array {
  if (!tA) return product(false, !tB, n, k, m, dC, b); // dA = dC @ op(B)ᵀ   [n, m] @ [m, k]
  return product(tB, true, k, n, m, b, dC); //            dA = op(B) @ dCᵀ   [k, m] @ [m, n]  (A was stored [k, n])
}

/** dB for C = op(A) @ op(B), with dC [n, m]. */
function gradB(tA: boolean, tB: boolean, n: number, m: number, k: number, dC: Float64Array, a: Float64Array): Float64Array {
  if (!tB) return product(!tA, false, k, m, n, a, dC); // dB = op(A)ᵀ @ dC   [k, n] @ [n, m]
  return product(true, tA, m, k, n, dC, a); //            dB = dCᵀ @ op(A)   [m, n] @ [n, k]  (B was stored [m, k])
}
