/** imgaug's `iap`: stochastic parameters and the argument conventions augmenters use. */
export { StochasticParameter, isStochasticParameter, type SampleValue } from './stochastic-parameter';
export { Deterministic, DeterministicList } from './deterministic';
export { Choice, choice, type ChoiceOptions } from './choice';
export { Binomial, DiscreteUniform, Poisson } from './discrete';
export { Uniform, Normal, TruncatedNormal, Laplace, Beta, type TruncatedNormalOptions } from './continuous';
export { Clip } from './clip';
export {
  ALL,
  checkValueRange,
  handleCategoricalStringParam,
  handleContinuousParam,
  handleDiscreteKernelSizeParam,
  handleDiscreteParam,
  handleProbabilityParam,
  type CategoricalArg,
  type ContinuousArg,
  type DiscreteArg,
  type HandleOptions,
  type ProbabilityArg,
  type ValueRange,
} from './handle';
export { FromLowerResolution, type FromLowerResolutionOptions } from './from-lower-resolution';
export { Add, Subtract, Multiply, ForceSign, RandomSign } from './arithmetic';
