/**
 * The names ops record under: the `op` of every `traced` call. @x/autograd's derivative table is
 * typed by them, so a differentiable op added here (or to the elementwise kernels) without a
 * derivative, or a derivative for an op that does not exist, fails to compile (PyTorch keeps the
 * same one-to-one list in tools/autograd/derivatives.yaml).
 */
import type { BinaryOp, UnaryOp } from './backend';

/** Elementwise ops whose results are never floating point (tests, comparisons, logic, bits): they record nothing. */
export type NonDifferentiableOp = Extract<
  UnaryOp | BinaryOp,
  | 'logicalNot' | 'isnan' | 'isinf' | 'isfinite' | 'bitwiseNot'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'logicalAnd' | 'logicalOr' | 'logicalXor' | 'bitwiseAnd' | 'bitwiseOr' | 'bitwiseXor'
>;

/** Ops that record under their own name rather than an elementwise kernel's. */
type CompositeOp =
  // casts, copies and selections
  | 'to' | 'clone' | 'copy' | 'fill' | 'clamp' | 'where' | 'maskedFill'
  // reductions, scans and softmax
  | 'sum' | 'prod' | 'mean' | 'amax' | 'amin' | 'maxAll' | 'minAll' | 'maxDim' | 'minDim' | 'var' | 'std' | 'norm' | 'logsumexp'
  | 'cumsum' | 'cumprod' | 'softmax' | 'logSoftmax'
  // linear algebra
  | 'mm' | 'bmm' | 'mv' | 'dot' | 'matmul' | 'addmm'
  // views
  | 'view' | 'reshape' | 'permute' | 'transpose' | 't' | 'expand' | 'squeeze' | 'unsqueeze' | 'narrow' | 'select' | 'unfold'
  | 'asStrided' | 'diagonal'
  // indexing, joining and reordering
  | 'index' | 'indexPut' | 'maskedSelect' | 'cat' | 'stack' | 'split' | 'unbind' | 'gather' | 'scatter' | 'scatterAdd' | 'indexSelect'
  | 'take' | 'repeat' | 'repeatInterleave' | 'flip' | 'roll' | 'pad' | 'triu' | 'tril' | 'diag' | 'sort' | 'topk'
  // convolution, pooling and embedding
  | 'convolution' | 'im2col' | 'col2im' | 'maxPool2d' | 'avgPool2d' | 'adaptiveAvgPool2d' | 'adaptiveMaxPool2d' | 'maxUnpool2d'
  | 'embedding'
  // losses: composed of ops in @x/nn, recorded as one node with PyTorch's fused derivative
  | 'mseLoss' | 'smoothL1Loss' | 'huberLoss' | 'binaryCrossEntropy' | 'binaryCrossEntropyWithLogits' | 'nllLoss' | 'softMarginLoss'
  | 'multiMarginLoss' | 'multilabelMarginLoss';

/** An op that records a graph node when its inputs require grad: each has exactly one derivative in @x/autograd. */
export type DifferentiableOp = Exclude<UnaryOp | BinaryOp, NonDifferentiableOp> | CompositeOp;

/** What `traced` accepts: every differentiable op, and the elementwise ops that never record. */
export type TracedOp = DifferentiableOp | NonDifferentiableOp;
