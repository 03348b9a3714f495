// backprop-lab: everything a notebook imports, grouped as a table of contents.

// ── core: shapes, matrices, seeded randomness ─────────────────────────────
export { NumpyRandom } from "./core/random";
export { ShapeError, formatShape, broadcastShapes, type Shape, type Shape2D } from "./core/shape";
export { Matrix, matmul as matmulMatrix, type MatrixLike, type MatmulOptions } from "./core/matrix";
export { gemm, setGemmPath, gemmPathFor, type GemmPath } from "./core/gemm";
export { setGemmThreads, gemmThreads, wasmAvailable } from "./core/gemm-wasm";
export type { Axis } from "./core/reduce";

// ── scalar: Value (reverse mode) and Dual (forward mode) ──────────────────
export { Value, exportGraph, topoSort, type ValueGraph, type ValueOptions } from "./scalar/value";
export { Dual, derivative } from "./scalar/dual";
export { Neuron, Layer, MLP, sumValues, Module as ScalarModule, type Activation, type ScalarNetOptions } from "./scalar/nn";

// ── tensor: 2-D autograd ──────────────────────────────────────────────────
export { Tensor, tensor, noGrad, isGradEnabled, type TensorOptions, type Vjp } from "./tensor/tensor";
export { matmul, type TransposeOptions } from "./tensor/matmul";
export { add, sub, mul, div, neg } from "./tensor/arithmetic";
export { relu, sigmoid, tanh, exp, log, sqrt } from "./tensor/activations";
export { sum, mean } from "./tensor/reduce";
export { softmax, logSoftmax } from "./tensor/softmax";
export { softmaxCrossEntropy, mse, checkLabels, type Labels } from "./tensor/losses";

// ── nn: layers, losses, initializers, optimizers, training ────────────────
export { Module, type ParameterEntry, type NamedParameter } from "./nn/module";
export { Linear, type LinearOptions } from "./nn/linear";
export { ReLU, Sigmoid, Tanh } from "./nn/activations";
export { Sequential, Residual } from "./nn/sequential";
export { BatchNorm1d, type BatchNormOptions } from "./nn/batchnorm";
export { xavierUniform, xavierNormal, heNormal, heUniform, pytorchUniform, scaledNormal, type Initializer } from "./nn/init";
export { SGD, clipGradNorm, type SGDOptions, type Optimizer } from "./nn/sgd";
export { cosineSchedule, constantSchedule, type Schedule, type CosineOptions } from "./nn/schedule";
export { fit, evaluateAccuracy, predict } from "./nn/fit";
export type { StepInfo, EpochInfo, TrainingHistory, TrainingCallback, FitData, FitOptions, Targets } from "./nn/fit";
export { TwoLayerNet, affineForward, affineBackward, reluForward, reluBackward, softmaxLoss } from "./nn/two-layer-net";
export type { TwoLayerParams, TwoLayerGrads, TwoLayerCache, AffineCache } from "./nn/two-layer-net";
export { sigmoidNetForward, sigmoidNetBackward, stepByHandParams, STEP_BY_HAND, SIGMOID_NET_MISTAKES } from "./nn/sigmoid-net";
export type { SigmoidNetParams, SigmoidNetCache, SigmoidNetGrads, SigmoidNetMistake } from "./nn/sigmoid-net";
export { bugHuntNet, bugHuntLoss, bugHuntBackward, SUSPECTS, type BugHuntNet, type BugHuntGrads, type Suspect } from "./nn/bug-hunt";

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
export {
  loadDigits,
  digitsPool,
  digitImage,
  DIGIT_SIDE,
  DIGIT_PIXELS,
  DIGIT_COUNT,
  type Dataset,
  type DigitsSplit,
  type DigitsPool,
  type LoadDigitsOptions,
} from "./data/digits";
export { spirals, moons, circles, xor, linspace, type MoonsOptions, type CirclesOptions, type XorOptions } from "./data/toy";

// ── plot: Plotly figures and inline display ───────────────────────────────
export type { Figure, FigureJSON, Trace, Layout, Frame, Config } from "./plot/figure";
export { makeFigure } from "./plot/figure";
export { lossCurve, accuracyCurve, type CurveOptions } from "./plot/loss-curve";
export type { Series, SeriesInput } from "./plot/line-chart";
export { gradientNorms, type GradientNormOptions } from "./plot/gradient-norms";
export { xyChart, type XYChartOptions } from "./plot/xy-chart";
export { gradCheckPlot, type GradCheckPlotOptions, type GradCheckReportLike } from "./plot/gradcheck-plot";
export { graphPlot, type GraphNode, type GraphPlotOptions } from "./plot/graph-plot";
export { networkSweep, type NetworkSweepInput } from "./plot/network-sweep";
export { decisionBoundary, type DecisionBoundaryInput } from "./plot/decision-boundary";
export { digitGrid, type DigitGridInput } from "./plot/digit-grid";
export { tangentPlot, type TangentPlotInput } from "./plot/tangent-plot";
export { show, type ShownFigure } from "./plot/show";
export { figureBundle, PLOTLY_MIME } from "./plot/bundle";
export { progressBar, type ProgressBarOptions } from "./plot/progress-bar";
export { liveLossChart, type LiveLossChart, type LiveLossChartOptions } from "./plot/live-loss-chart";
export { OKABE_ITO } from "./plot/palette";

// ── display: rich output in the kernel ────────────────────────────────────
export { displayBundle, updateDisplay, clearOutput, isRichDisplay, prompt, MIME_BUNDLE } from "./display/display";
export type { MimeBundle, RichDisplay, DisplayOptions, DisplayHandle } from "./display/display";

// ── workspace: the learner's progress ─────────────────────────────────────
export { progressReport } from "./workspace/progress-report";

// ── exercises: checks with specific feedback ──────────────────────────────
export { check } from "./exercises/check";
export { showSolution } from "./exercises/solution";
export { checkNumber, DEFAULT_TOLERANCE } from "./exercises/check-number";
export type { Mistake, NumberCheckOptions } from "./exercises/check-number";
export { checkArray } from "./exercises/check-array";
export type { ArrayAnswer, ArrayCheckOptions } from "./exercises/check-array";
export { checkFunction, checkDerivative } from "./exercises/check-function";
export type { FunctionCheckOptions, DerivativeCheckOptions, SamplePoint } from "./exercises/check-function";
// numericalGradient stays internal: the public central-difference helper is gradcheck's numericGradient.
export { checkGradient } from "./exercises/check-gradient";
export type { GradientCheckOptions } from "./exercises/check-gradient";
export { checkChoice, checkBoolean, checkMatching } from "./exercises/check-choice";
export type { ChoiceCheckOptions } from "./exercises/check-choice";
export { selfCheck } from "./exercises/self-check";
export { compareGradients, type GradientComparison, type GradientRow, type GradientReference, type ComparedRow } from "./exercises/gradient-table";
export { gradCheckMistake } from "./exercises/classic-mistakes";
export { ExerciseError, NotAnsweredError, notAnswered, isExerciseError, isNotAnsweredError } from "./exercises/errors";
