/**
 * @x/autograd: importing it makes tensors that require grad record the ops applied to them, as
 * PyTorch's autograd does (the @x/torch umbrella imports it).
 */
import { install } from './hook';
import * as functional from './functional';

install();

export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from './mode';
export { grad } from './grad';
export type { GradOptions } from './grad';
export { Function, FunctionCtx } from './function';
export { gradcheck } from './gradcheck';
export type { GradcheckOptions } from './gradcheck';
export { backward } from './hook';
export { Node, AccumulateGrad } from './node';
export { FORMULAS } from './formulas';
export type { Formula, BackwardContext, FormulaTable, RecordedOp } from './formulas';
export { functional };
