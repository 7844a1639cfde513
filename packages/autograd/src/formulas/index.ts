/** Every derivative, keyed by the op name @x/tensor records. */
import type { Formula, RecordedOp } from './types';
import { POINTWISE } from './pointwise';
import { REDUCTIONS } from './reduce';
import { LINALG } from './linalg';
import { VIEWS } from './views';
import { INDEXING } from './indexing';
import { CONV } from './conv';
import { EMBEDDING } from './embedding';
import { LOSSES } from './loss';

/**
 * One derivative for every op that records (typed by op name: an op without a derivative, or a
 * derivative without an op, fails to compile).
 */
export const FORMULAS: Readonly<Record<RecordedOp, Formula>> = { ...POINTWISE, ...REDUCTIONS, ...LINALG, ...VIEWS, ...INDEXING, ...CONV, ...EMBEDDING, ...LOSSES };
export type { Formula, BackwardContext, FormulaTable, RecordedOp } from './types';
