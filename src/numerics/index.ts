/**
 * Public API of the numerics core (no I/O, no drawing). See README.md.
 */
export { createRng, type Rng } from './rng';
export { ACTIVATIONS, activation, type ActivationName } from './activation';
export { createMlp, initParams, weightView, type Mlp, type MlpSpec, type LayerLayout, type MatrixView } from './mlp';
export { forwardBatch, forwardFlops } from './forward';
export { vjp, jacobianRows } from './backprop';
export { outputHvp } from './hvp';
export { ntkGram, ntkCross } from './ntk';
export { reluNtkInfinite, reluNtkInfiniteFor, type AnalyticNtkOptions } from './analyticNtk';
export {
  createModel, modelFromParams, modelForward, createEvaluator, modelNtk, modelJacobianRows,
  type Model, type ModelOptions, type Evaluator,
} from './model';
export { lossValue, lossGradient, type LossKind } from './loss';
export { lossAndGradient, type LossAndGradient } from './lossAndGradient';
export { trainGD, type TrainData, type TrainOptions, type TrainResult, type Snapshot } from './gradientDescent';
export { DivergenceError } from './divergenceError';
export { lanczosExtremes, powerIterationNorm, type LinearOperator, type LanczosOptions, type LanczosResult } from './lanczos';
export { outputHessianOperator, outputHessianNorm, denseOutputHessian } from './hessian';
export { denseFromOperator, DENSE_HESSIAN_MAX_DIM } from './denseHessian';
export { oneLayerHessianNorm, oneLayerHessianOperator, oneLayerNet, oneLayerStats, type OneLayerStats } from './oneLayer';
export { symEig2, symEig, linearFlow, type Eigen2, type EigenN } from './eig';
export { fitLine, loglogSlope, type LineFit } from './slope';
export { dot, norm2, axpy, relativeChange, linspace } from './vector';
export { arcCosine, type ArcCosine } from './arcCosine';
export {
  createShallow, initShallow, preActivations, shallowForward, shallowVjp, shallowJvp, shallowNtk, shallowJacobian,
  type ShallowNet, type ShallowSpec,
} from './shallowNet';
export { trainShallow, type ShallowTrainOptions, type ShallowTrainResult } from './shallowTrain';
export { shallowKernels, type ShallowKernels } from './shallowKernels';
export { gradientFlow, gradientDescentSteps, kernelGain, kernelPrediction, ntkGpMoments, type Schedule, type GpMoments } from './ntkGp';
export { circulantEigenvalues, fourierComponentNorms } from './circulant';
