/** Every derivative, keyed by the op name @x/tensor records. */
import type { Formula } from './types';
import { POINTWISE } from './pointwise';
import { REDUCTIONS } from './reduce';
import { LINALG } from './linalg';
import { VIEWS } from './views';
import { INDEXING } from './indexing';
import { CONV } from './conv';
import { EMBEDDING } from './embedding';
import { LOSSES } from './loss';

export const FORMULAS: Readonly<Record<string, Formula>> = { ...POINTWISE, ...REDUCTIONS, ...LINALG, ...VIEWS, ...INDEXING, ...CONV, ...EMBEDDING, ...LOSSES };
export type { Formula, BackwardContext } from './types';
