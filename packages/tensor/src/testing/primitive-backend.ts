/**
 * The reference backend declaring only the primitive elementwise kernels (PRIMITIVE_UNARY_OPS and
 * PRIMITIVE_BINARY_OPS): the op layer composes every other unary and binary op on it, so the
 * conformance suite run on it checks each composition against PyTorch. Its kernels refuse an op
 * outside the declared sets, so an op that bypassed its composition fails instead of passing unseen.
 *
 * @example
 * import { registerBackend, tensor } from '@x/tensor';
 * import { PrimitiveReferenceBackend } from '@x/tensor/testing';
 * registerBackend(new PrimitiveReferenceBackend());
 * tensor([0.5, 2], { device: 'primref' }).tanh(); // tanh composed from exp, log, add, mul, div, lt, where
 */
import { PRIMITIVE_BINARY_OPS, PRIMITIVE_UNARY_OPS, ReferenceBackend, type BinaryOp, type HostView, type UnaryOp } from '@x/tensor';

export class PrimitiveReferenceBackend extends ReferenceBackend {
  override readonly name: string = 'primitive-reference';
  override readonly device: string = 'primref';
  readonly unaryOps: ReadonlySet<UnaryOp> = new Set(PRIMITIVE_UNARY_OPS);
  readonly binaryOps: ReadonlySet<BinaryOp> = new Set(PRIMITIVE_BINARY_OPS);

  override unary(op: UnaryOp, x: HostView, out: HostView): void {
    if (!this.unaryOps.has(op)) throw new Error(`${this.name}: unary('${op}') called, but the backend declares only the primitives`);
    super.unary(op, x, out);
  }

  override binary(op: BinaryOp, a: HostView | number, b: HostView | number, out: HostView): void {
    if (!this.binaryOps.has(op)) throw new Error(`${this.name}: binary('${op}') called, but the backend declares only the primitives`);
    super.binary(op, a, b, out);
  }
}
