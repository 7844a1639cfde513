import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatExponential,
  formatFixed,
  formatSize,
  formatTensorData,
  getPrintOptions,
  setPrintOptions,
  type SetPrintOptionsArgs,
} from '../src/format';
import type { DType } from '../src/dtype';
import { formatFixed as publicFormatFixed } from '../src/index';
import { decodeValues } from '../src/testing/index';

/** One tensor printed by PyTorch 1.13 (tools/gen_print_fixtures.py). */
interface PrintCase {
  name: string;
  dtype: DType;
  shape: number[];
  data: (number | 'nan' | 'inf' | '-inf')[];
  repr: string;
  printOptions?: SetPrintOptionsArgs;
  suffixes?: string[];
}

const cases: PrintCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/print.json', import.meta.url), 'utf8'),
) as PrintCase[];

function print(c: PrintCase): string {
  return formatTensorData(decodeValues(c.data), c.shape, c.dtype, c.suffixes ? { suffixes: c.suffixes } : {});
}

const DEFAULTS = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null };

afterEach(() => setPrintOptions({ profile: 'default' }));

describe('formatTensorData matches PyTorch 1.13 str(t)', () => {
  it('has the generated fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  for (const c of cases) {
    it(c.name, () => {
      if (c.printOptions) setPrintOptions(c.printOptions);
      expect(print(c)).toBe(c.repr);
    });
  }
});

describe('print options', () => {
  it('setPrintOptions({ precision: 2 }) changes the output and profile default restores it', () => {
    const c = cases.find((x) => x.name === 'opt_precision_2')!;
    expect(print(c)).not.toBe(c.repr);
    setPrintOptions({ precision: 2 });
    expect(getPrintOptions().precision).toBe(2);
    expect(print(c)).toBe(c.repr);
    setPrintOptions({ profile: 'default' });
    expect(getPrintOptions()).toEqual(DEFAULTS);
    expect(print(c)).not.toBe(c.repr);
  });

  it('per-call options override the module options without changing them', () => {
    const c = cases.find((x) => x.name === 'opt_precision_2')!;
    expect(formatTensorData(decodeValues(c.data), c.shape, c.dtype, { precision: 2 })).toBe(c.repr);
    expect(getPrintOptions()).toEqual(DEFAULTS);
  });

  it('resets sciMode when not passed, like torch.set_printoptions', () => {
    setPrintOptions({ sciMode: true });
    expect(getPrintOptions().sciMode).toBe(true);
    setPrintOptions({ precision: 3 });
    expect(getPrintOptions()).toEqual({ ...DEFAULTS, precision: 3 });
  });

  it('rejects bad values', () => {
    expect(() => setPrintOptions({ precision: -1 })).toThrow(/precision/);
    expect(() => setPrintOptions({ profile: 'long' as 'full' })).toThrow(/profile/);
  });
});

describe('helpers', () => {
  it('formatSize', () => {
    expect(formatSize([4, 3])).toBe('torch.Size([4, 3])');
    expect(formatSize([])).toBe('torch.Size([])');
  });

  it('rounds half to even on the exact binary value, like Python', () => {
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
    expect(formatFixed(1e20, 1)).toBe('100000000000000000000.0');
    // Layers print their fields with it (timm's `f'{x:0.3f}'`), so it is public.
    expect(publicFormatFixed).toBe(formatFixed);
    expect(formatExponential(1.03125, 4)).toBe('1.0312e+00');
    expect(formatExponential(9.99995e-5, 4)).toBe('9.9999e-05');
    expect(formatExponential(99999.7, 4)).toBe('1.0000e+05');
    expect(formatExponential(5e-324, 4)).toBe('4.9407e-324');
    expect(formatExponential(1e300, 4)).toBe('1.0000e+300');
    expect(formatExponential(12345, 0)).toBe('1e+04');
    expect(formatExponential(-0, 4)).toBe('-0.0000e+00');
  });

  it('prints a device suffix first and checks the value count', () => {
    expect(formatTensorData([1, 2], [2], 'float64', { device: 'cuda:0', suffixes: ['requires_grad=True'] })).toBe(
      "tensor([1., 2.], device='cuda:0', dtype=torch.float64, requires_grad=True)",
    );
    expect(() => formatTensorData([1, 2, 3], [2, 2], 'float32')).toThrow(/4 elements but 3 values/);
  });
});
