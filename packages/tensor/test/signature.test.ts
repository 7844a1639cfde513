/**
 * The argument binder (src/signature.ts): Python's binding rules and every TypeError it raises, in
 * the words of PyTorch's python_arg_parser (see packages/torch/test/keyword-arguments.test.ts for
 * the same messages compared with PyTorch's own).
 */
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';
import { bound, camelCase, defineType, signature, suggestName, typeName } from '../src/signature';

const x = torch.zeros(2, 3);

describe('binding', () => {
  const s = signature('f(Tensor input, int dim=0, bool keepdim=False, *, dtype? dtype=None)');

  it('positionals in order, then defaults', () => {
    expect(s.bind([x])).toEqual([x, 0, false, null]);
    expect(s.bind([x, 1, true])).toEqual([x, 1, true, null]);
  });
  it('any parameter by keyword in one trailing options object, keyword-only ones only there', () => {
    expect(s.bind([x, { keepdim: true, dtype: 'int64' }])).toEqual([x, 0, true, 'int64']);
    expect(s.bind([{ input: x, dim: 1 }])).toEqual([x, 1, false, null]);
    expect(() => s.bind([x, 1, true, 'int64'])).toThrow('f() takes from 1 to 3 positional arguments but 4 were given');
  });
  it('undefined is "not given" (trailing ones too); null is None where the type allows it', () => {
    expect(s.bind([x, undefined, true])).toEqual([x, 0, true, null]);
    expect(s.bind([x, 1, undefined, undefined])).toEqual([x, 1, false, null]);
    expect(s.bind([x, { dim: undefined, keepdim: true }])).toEqual([x, 0, true, null]);
    expect(s.bind([x, { dtype: null }])).toEqual([x, 0, false, null]);
    expect(() => s.bind([x, null])).toThrow("f(): argument 'dim' (position 2) must be int, not NoneType");
  });
  it('the method form binds self to the first parameter and refuses it as a keyword', () => {
    expect(s.bindSelf(x, [1])).toEqual([x, 1, false, null]);
    expect(() => s.bindSelf(x, [{ input: x }])).toThrow("f() got an unexpected keyword argument 'input'");
    expect(() => s.bindSelf(x, [1, true, 'int64'])).toThrow('f() takes from 0 to 2 positional arguments but 3 were given');
  });
  it('parse gives a record, with its own copy of array defaults', () => {
    const p = signature('g(float[] betas=(0.9, 0.999), int n=1)');
    const a = p.parse<{ betas: number[]; n: number }>([]);
    expect(a).toEqual({ betas: [0.9, 0.999], n: 1 });
    a.betas[0] = 0;
    expect(p.parse<{ betas: number[] }>([]).betas).toEqual([0.9, 0.999]);
  });
  it('compiles a text once', () => {
    expect(signature('h(int a)')).toBe(signature('h(int a)'));
  });
});

describe("Python's TypeErrors, worded as python_arg_parser.cpp words them", () => {
  const s = signature('f(Tensor input, int dim, bool keepdim=False, *, dtype? dtype=None, float scale)');

  it('takes N positional arguments but M were given', () => {
    expect(() => signature('g(int a)').bind([1, 2])).toThrow('g() takes 1 positional argument but 2 were given');
    expect(() => signature('g(int a, int b)').bind([1, 2, 3])).toThrow('g() takes 2 positional arguments but 3 were given');
    expect(() => signature('g(int a, int b=0)').bind([1, 2, 3])).toThrow('g() takes from 1 to 2 positional arguments but 3 were given');
    expect(() => signature('g()').bind([1])).toThrow('g() takes 0 positional arguments but 1 was given');
  });
  it('got multiple values for argument', () => {
    expect(() => s.bind([x, 1, { dim: 2, scale: 1 }])).toThrow("f() got multiple values for argument 'dim'");
  });
  it('missing required positional / keyword-only arguments', () => {
    expect(() => s.bind([x, { scale: 1 }])).toThrow("f() missing 1 required positional argument: 'dim'");
    expect(() => s.bind([{ scale: 1 }])).toThrow("f() missing 2 required positional arguments: 'input' and 'dim'");
    expect(() => signature('g(int a, int b, int c)').bind([])).toThrow("g() missing 3 required positional arguments: 'a', 'b', and 'c'");
    expect(() => s.bind([x, 1])).toThrow("f() missing 1 required keyword-only argument: 'scale'");
  });
  it('argument must be T, not U: with the position when given positionally', () => {
    expect(() => s.bind([x, 'a', { scale: 1 }])).toThrow("f(): argument 'dim' (position 2) must be int, not str");
    expect(() => s.bind([x, { dim: 1.5, scale: 1 }])).toThrow("f(): argument 'dim' must be int, not float");
    expect(() => s.bind([x, 1, 1, { scale: 1 }])).toThrow("f(): argument 'keepdim' (position 3) must be bool, not int");
    expect(() => s.bind([x, 1, { dtype: 'float', scale: 1 }])).toThrow("f(): argument 'dtype' must be torch.dtype, not str");
    expect(() => s.bind([[1], 1, { scale: 1 }])).toThrow("f(): argument 'input' (position 1) must be Tensor, not list");
    expect(() => s.bind([x, new Map(), { scale: 1 }])).toThrow("f(): argument 'dim' (position 2) must be int, not Map");
  });
  it('lists name the bad element', () => {
    const cat = signature('cat(Tensor[] tensors, int dim=0)');
    expect(() => cat.bind([[x, 1]])).toThrow("cat(): argument 'tensors' (position 1) must be tuple of Tensors, but found element of type int at pos 1");
    const sum = signature('sum(Tensor input, int|int[]? dim=None)');
    expect(() => sum.bind([x, [0, 'a']])).toThrow("sum(): argument 'dim' (position 2) must be int or tuple of ints, but found element of type str at pos 1");
  });
  it('string choices show the value', () => {
    const g = signature("g('mean'|'sum' reduction='mean')");
    expect(() => g.bind(['avg'])).toThrow("g(): argument 'reduction' (position 1) must be one of 'mean', 'sum', not 'avg'");
  });
  it('got an unexpected keyword argument, with the parameter it most likely meant', () => {
    expect(() => s.bind([x, 1, { keep_dim: true, scale: 1 }])).toThrow("f() got an unexpected keyword argument 'keep_dim' (did you mean 'keepdim'?)");
    expect(() => s.bind([x, 1, { KeepDim: true, scale: 1 }])).toThrow("f() got an unexpected keyword argument 'KeepDim' (did you mean 'keepdim'?)");
    expect(() => s.bind([x, 1, { dtpye: 'int64', scale: 1 }])).toThrow("f() got an unexpected keyword argument 'dtpye' (did you mean 'dtype'?)");
    expect(() => s.bind([x, 1, { out: x, scale: 1 }])).toThrow(/^f\(\) got an unexpected keyword argument 'out'$/);
  });
  it('snake_case spellings are refused, with the camelCase one suggested (one spelling per keyword)', () => {
    const sched = signature('CosineAnnealingLR(any optimizer, int TMax, float etaMin=0)');
    expect(() => sched.bind([{}, { T_max: 10 }])).toThrow("CosineAnnealingLR() got an unexpected keyword argument 'T_max' (did you mean 'TMax'?)");
    expect(() => sched.bind([{}, { TMax: 10, eta_min: 0 }])).toThrow("CosineAnnealingLR() got an unexpected keyword argument 'eta_min' (did you mean 'etaMin'?)");
  });
  it('several signatures (overloads): the first that binds, else every one listed', () => {
    const max = signature('max(Tensor input)', 'max(Tensor input, Tensor other)', 'max(Tensor input, int dim, bool keepdim=False)');
    max.bind([x, 1]);
    expect(max.overload).toBe(2);
    max.bind([x, x]);
    expect(max.overload).toBe(1);
    expect(() => max.bind([x, 'a'])).toThrow(
      'max() received an invalid combination of arguments - got (Tensor, str), but expected one of:\n * (Tensor input)\n * (Tensor input, Tensor other)\n * (Tensor input, int dim, bool keepdim)',
    );
    expect(() => max.bind([x, { dims: 1 }])).toThrow('max() received an invalid combination of arguments - got (Tensor, dims=int), but expected one of:');
  });
});

describe('sizes and other arguments that may come as several positionals', () => {
  const zeros = signature('zeros(int... size, *, dtype? dtype=None)');
  it('as separate ints, one array, or the keyword with an array', () => {
    expect(zeros.bind([2, 3])[0]).toEqual([2, 3]);
    expect(zeros.bind([[2, 3], { dtype: 'int64' }])).toEqual([[2, 3], 'int64']);
    expect(zeros.bind([{ size: [2] }])[0]).toEqual([2]);
  });
  it('refuses what PyTorch refuses', () => {
    expect(() => zeros.bind([{ size: 2 }])).toThrow("zeros(): argument 'size' must be tuple of ints, not int");
    expect(() => zeros.bind([2, 'a'])).toThrow("zeros(): argument 'size' (position 1) must be tuple of ints, but found element of type str at pos 1");
    expect(() => zeros.bind([])).toThrow("zeros() missing 1 required positional argument: 'size'");
    expect(() => zeros.bind([2, { size: [2] }])).toThrow("zeros() got multiple values for argument 'size'");
  });
  it('a Python *args takes none too, when it says so', () => {
    expect(signature('seq(int... args=())').bind([])[0]).toEqual([]);
  });
});

describe('a { … } in the slot of a parameter that takes one is that argument', () => {
  defineType('TestDataset', (v) => typeof v === 'object' && v !== null && 'getItem' in v, { acceptsObject: true });
  const s = signature('Loader(TestDataset dataset, int batchSize=1)');
  const ds = { getItem: (i: number) => i, length: 3 };
  it('binds it positionally there, and as the options object after it', () => {
    expect(s.bind([ds])).toEqual([ds, 1]);
    expect(s.bind([ds, { batchSize: 2 }])).toEqual([ds, 2]);
  });
  it('a type is defined once, and a signature names only defined types', () => {
    expect(() => defineType('TestDataset', () => true)).toThrow("type 'TestDataset' is already defined");
    expect(() => signature('g(Nope a)')).toThrow("unknown type 'Nope'");
  });
});

describe('bound functions', () => {
  const f = bound<[a: number, b?: number, options?: { b?: number; c?: boolean }] | [a: number, options: { b?: number; c?: boolean }], string>(
    'f(int a, int b=2, *, bool c=False)',
    (a: number, b: number, c: boolean) => `${a},${b},${c}`,
  );
  it('give the implementation plain arguments, on the fast path and off it', () => {
    expect(f(1)).toBe('1,2,false');
    expect(f(1, 5)).toBe('1,5,false');
    expect(f(1, { c: true })).toBe('1,2,true');
    expect(f(1, undefined, { c: true })).toBe('1,2,true');
    expect(f.method(7, [])).toBe('7,2,false');
    expect(f.method(7, [{ b: 3 }])).toBe('7,3,false');
  });
  it('carry their signature and name', () => {
    expect(f.name).toBe('f');
    expect(f.signature.parameters).toEqual([['a', 'b', 'c']]);
  });
});

describe('helpers', () => {
  it('camelCase is the one spelling of a keyword', () => {
    expect(camelCase('weight_decay')).toBe('weightDecay');
    expect(camelCase('T_max')).toBe('TMax');
    expect(camelCase('T_0')).toBe('T0');
  });
  it('suggestName: camelCase, the same name in another case, or the closest', () => {
    expect(suggestName('batch_size', ['batchSize'])).toBe('batchSize');
    expect(suggestName('batchsize', ['batchSize'])).toBe('batchSize');
    expect(suggestName('bais', ['bias', 'device'])).toBe('bias');
    expect(suggestName('xyz', ['bias', 'device'])).toBeUndefined();
  });
  it('typeName: what a value is called in messages', () => {
    expect([1, 1.5, true, 'a', null, undefined, [], {}, x, new Map()].map(typeName)).toEqual([
      'int', 'float', 'bool', 'str', 'NoneType', 'undefined', 'list', 'object', 'Tensor', 'Map',
    ]);
  });
});
