// backprop-lab: everything a notebook imports, grouped as a table of contents.

// ── core: shapes, matrices, seeded randomness ─────────────────────────────
export { NumpyRandom } from "./core/random";

// ── scalar: Value (reverse mode) and Dual (forward mode) ──────────────────
export { Value, exportGraph, topoSort, type ValueGraph, type ValueOptions } from "./scalar/value";
export { Dual, derivative } from "./scalar/dual";

// ── tensor: 2-D autograd ──────────────────────────────────────────────────

// ── nn: layers, losses, initializers, optimizers, training ────────────────

// ── gradcheck: numerical versus analytic gradients ────────────────────────
export { relError, maxRelError, errorBand, BAND_LIMITS, type Band } from "./gradcheck/relative-error";
export { numericGradient } from "./gradcheck/numeric";
export { formatGradCheck, type GradCheckReport, type ParamCheck } from "./gradcheck/report";
export {
  gradCheck,
  gradCheckTensors,
  type GradCheckOptions,
  type ParamToCheck,
  type TensorLikeParam,
  type TensorLikeOutput,
} from "./gradcheck/gradcheck";
export { gradCheckValues } from "./gradcheck/value-check";

// ── data: MNIST digits and toy 2-D sets ───────────────────────────────────

// ── plot: Plotly figures and inline display ───────────────────────────────

// ── display: rich output in the kernel ────────────────────────────────────

// ── exercises: checks with specific feedback ──────────────────────────────
