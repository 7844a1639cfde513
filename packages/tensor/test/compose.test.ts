// The compositions of src/ops/compose.ts against the reference backend's own kernels, value for value:
// within the dtype's tolerance, with the same NaNs, infinities and signs of zero (which the conformance
// suite does not compare), through the out-of-place and in-place forms; and registerBackend's check
// that a backend declares every primitive.
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { BINARY_OPS, PRIMITIVE_BINARY_OPS, PRIMITIVE_UNARY_OPS, ReferenceBackend, UNARY_OPS, type Backend, type DType, type Tensor } from '@x/tensor';
import { decodeNumber, loadFixtures, PrimitiveReferenceBackend, TOLERANCES, type EncodedTensor } from '@x/tensor/testing';

const primitive = new PrimitiveReferenceBackend();
torch.registerBackend(primitive);

const COMPOSED_UNARY = UNARY_OPS.filter((op) => !(PRIMITIVE_UNARY_OPS as readonly string[]).includes(op));
const COMPOSED_BINARY = BINARY_OPS.filter((op) => !(PRIMITIVE_BINARY_OPS as readonly string[]).includes(op));

/** The values of a fixture case's first tensor argument: PyTorch's edge inputs (±0, ±inf, NaN, 1e-40, …). */
function fixtureValues(name: string, arg = 0): { dtype: DType; values: (number | boolean)[] } {
  const c = loadFixtures().cases.find((x) => x.name === name);
  if (!c) throw new Error(`no fixture case '${name}'`);
  const e = c.args[arg] as EncodedTensor;
  return { dtype: e.dtype, values: e.data.map((v) => Number(decodeNumber(v))).map((v) => (e.dtype === 'bool' ? v !== 0 : v)) };
}

const INPUTS = [
  fixtureValues('sinh/float32/edge'),
  fixtureValues('sinh/float64/edge'),
  fixtureValues('round/float32/halves'),
  fixtureValues('round/float64/halves'),
  fixtureValues('tanh/float16/edge'),
  fixtureValues('sinh/int64'),
  fixtureValues('sinh/int32'),
  fixtureValues('sinh/uint8'),
  fixtureValues('sinh/bool'),
];

type Outcome = { error: string } | { value: Tensor };

function outcome(f: () => Tensor): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Ops whose sign of zero is not compared: PyTorch's maximum and minimum return std::max's first
 * operand in their scalar loop and the SIMD max's second in their vector loop (maximum(-0, 0) depends
 * on the length), and its relu keeps -0, which the reference kernel makes +0 (the composition keeps it).
 */
const ZERO_SIGN_OPEN: ReadonlySet<string> = new Set(['maximum', 'minimum', 'relu']);

/** Where `got` differs from `want`: dtype, then per element tolerance, NaN, infinity and (unless `anyZero`) the sign of zero. */
function differences(got: Outcome, want: Outcome, anyZero = false): string[] {
  if ('error' in want || 'error' in got) return JSON.stringify(got) === JSON.stringify(want) ? [] : [`got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
  if (got.value.dtype !== want.value.dtype) return [`dtype ${got.value.dtype}, expected ${want.value.dtype}`];
  const g = Array.from(got.value.numpy() as ArrayLike<number | bigint>);
  const w = Array.from(want.value.numpy() as ArrayLike<number | bigint>);
  const { rtol, atol } = TOLERANCES[want.value.dtype];
  const bad: string[] = [];
  w.forEach((wv, i) => {
    const gv = g[i]!;
    if (typeof wv === 'bigint' || typeof gv === 'bigint') {
      if (gv !== wv) bad.push(`[${i}] ${gv} != ${wv}`);
      return;
    }
    const ok = Number.isNaN(wv) ? Number.isNaN(gv)
      : !Number.isFinite(wv) || (wv === 0 && !anyZero) ? Object.is(gv, wv)
      : Math.abs(gv - wv) <= atol + rtol * Math.abs(wv);
    if (!ok) bad.push(`[${i}] ${Object.is(gv, -0) ? '-0' : gv} != ${Object.is(wv, -0) ? '-0' : wv}`);
  });
  return bad;
}

function on(device: string, dtype: DType, values: readonly (number | boolean)[]): Tensor {
  return torch.tensor(values as number[], { dtype, device });
}

function call(x: Tensor, method: string, ...args: unknown[]): Tensor {
  return (x as unknown as Record<string, (...a: unknown[]) => Tensor>)[method]!(...args);
}

/** The same op on the reference backend ('cpu') and on the primitive one, as its results compare. */
function compare(op: string, f: (device: string) => Tensor): string[] {
  const want = outcome(() => f('cpu'));
  const got = outcome(() => f('primref'));
  return differences(got, want, ZERO_SIGN_OPEN.has(op));
}

describe('composed unary ops match the reference kernels', () => {
  for (const op of COMPOSED_UNARY) {
    it(op, () => {
      for (const { dtype, values } of INPUTS) {
        expect(compare(op, (d) => call(on(d, dtype, values), op)), `${op} ${dtype}`).toEqual([]);
      }
    });
  }

  it('in place, through a transposed view', () => {
    for (const op of COMPOSED_UNARY) {
      const inplace = `${op}_`;
      if (typeof (torch.zeros(1) as unknown as Record<string, unknown>)[inplace] !== 'function') continue;
      const { values } = fixtureValues(`sinh/float32/transposed`);
      const problems = compare(op, (d) => {
        const x = on(d, 'float32', values).view(3, 4).t();
        call(x, inplace);
        return x.contiguous();
      });
      expect(problems, inplace).toEqual([]);
    }
  });
});

describe('composed binary ops match the reference kernels', () => {
  // Every pair of edge values, so NaN, ±inf and ±0 meet each other on both sides.
  const pairs = INPUTS.map(({ dtype, values }) => ({
    dtype,
    a: values.flatMap((v) => values.map(() => v)),
    b: values.flatMap(() => values),
  }));
  const scalars = [0, -0, 2.5, -3, NaN, Infinity, true];

  for (const op of COMPOSED_BINARY) {
    it(op, () => {
      for (const { dtype, a, b } of pairs) {
        expect(compare(op, (d) => call(on(d, dtype, a), op, on(d, dtype, b))), `${op} ${dtype}`).toEqual([]);
        for (const s of scalars) {
          expect(compare(op, (d) => call(on(d, dtype, a), op, s)), `${op} ${dtype} with ${String(s)}`).toEqual([]);
          expect(compare(op, (d) => (torch as unknown as Record<string, (...a: unknown[]) => Tensor>)[op]!(s, on(d, dtype, b))), `${op} ${String(s)} with ${dtype}`).toEqual([]);
        }
      }
    });
  }

  it('broadcast, and in place', () => {
    const { values } = fixtureValues('sinh/float32/edge');
    for (const op of COMPOSED_BINARY) {
      expect(compare(op, (d) => call(on(d, 'float32', values).view(25, 1), op, on(d, 'float32', values))), op).toEqual([]);
      const inplace = `${op}_`;
      if (typeof (torch.zeros(1) as unknown as Record<string, unknown>)[inplace] !== 'function') continue;
      const problems = compare(op, (d) => {
        const x = on(d, 'float32', values.concat(values.slice(0, 11))).view(6, 6).t();
        call(x, inplace, on(d, 'float32', values.slice(0, 6)));
        return x.contiguous();
      });
      expect(problems, inplace).toEqual([]);
    }
  });
});

describe('registerBackend and the declared kernels', () => {
  it('refuses a backend that leaves out a primitive, naming it', () => {
    class WithoutErfAndFmod extends ReferenceBackend {
      override readonly name = 'partial';
      readonly unaryOps = new Set(PRIMITIVE_UNARY_OPS.filter((op) => op !== 'erf'));
      readonly binaryOps = new Set(PRIMITIVE_BINARY_OPS.filter((op) => op !== 'fmod'));
    }
    expect(() => torch.registerBackend(new WithoutErfAndFmod())).toThrow(
      "backend 'partial' cannot be registered: it does not implement the required kernels unary('erf'), binary('fmod') (see the Backend interface in @x/tensor and docs/write-a-backend.md)",
    );
  });

  it('runs an undeclared op through its composition, and a declared one through the kernel', () => {
    const x = on('primref', 'float32', [0.25, -2]);
    const kernels: Backend = primitive;
    expect(() => kernels.unary('tanh', x, x)).toThrow("primitive-reference: unary('tanh') called, but the backend declares only the primitives");
    expect(compare('tanh', (d) => on(d, 'float32', [0.25, -2]).tanh())).toEqual([]);
  });
});
