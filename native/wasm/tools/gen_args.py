#!/usr/bin/env python3
"""Generates the kernel calling convention of @x/backend-wasm from one description (this file).

    python3 native/wasm/tools/gen_args.py          # writes both files
    python3 native/wasm/tools/gen_args.py --check  # fails if either differs from what it would write

Outputs:
  native/wasm/src/args.h                       the C structs, enums and offsetof checks
  packages/backend-wasm/src/runtime/args.ts    the same layout as named word offsets for TypeScript

The op codes are not written here: they are the positions of the ops in the op tables of
@x/tensor (UNARY_OPS, BINARY_OPS, ... in packages/tensor/src/backend.ts, DTYPES in dtype.ts),
read from those files, so a new op gets its code in C and TypeScript from the one list (written
out as object literals, which V8 reads faster than a table built at run time). Field
offsets follow the C layout rules of wasm32 (each field aligned to its size, the struct to its
largest field); args.h asserts every one with offsetof, so a wrong offset here cannot compile.
"""
import pathlib
import re
import sys
import textwrap
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
H_OUT = ROOT / 'native/wasm/src/args.h'
TS_OUT = ROOT / 'packages/backend-wasm/src/runtime/args.ts'

# ---------------------------------------------------------------------------------------- limits

CONSTANTS = [
    ('X_MAXDIM', 16, 'dims of a tensor the kernels take (after coalescing)'),
    ('X_MAXOPS', 4, 'operands of an elementwise kernel (the output included)'),
    ('X_INDEX_MAXPARTS', 16, 'parts gather may run in (each reports its first bad index)'),
    ('X_REDUCE_MAXPARTS', 64, 'parts of a partial reduction (each keeps one x_reduce_state)'),
]
LIMIT = {name: value for name, value, _ in CONSTANTS}

# ------------------------------------------------------------------------------------- op tables

def read_list(path, name):
    """The string items of `export const NAME = [ ... ]` in a TypeScript file."""
    text = (ROOT / path).read_text()
    m = re.search(r'export const ' + name + r'\b[^=]*=\s*\[(.*?)\]', text, re.S)
    if not m:
        sys.exit(f'gen_args.py: {name} not found in {path}')
    return re.findall(r"'([A-Za-z0-9_]+)'", m.group(1))


def snake(name):
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).upper()


DTYPE_C = {'float32': 'F32', 'float64': 'F64', 'float16': 'F16', 'bfloat16': 'BF16', 'int32': 'I32',
           'int64': 'I64', 'uint8': 'U8', 'bool': 'BOOL'}

TENSOR_BACKEND = 'packages/tensor/src/backend.ts'
# (C prefix, list, where it comes from, what the codes select)
TABLES = [  # (C prefix, TypeScript name, the op table, where it is, what the codes select)
    ('DT', 'DTYPE_CODE', read_list('packages/tensor/src/dtype.ts', 'DTYPES'), 'DTYPES (dtype.ts)', 'dtype codes'),
    ('U', 'UNARY_CODE', read_list(TENSOR_BACKEND, 'UNARY_OPS'), 'UNARY_OPS', 'x_ew_args.op of X_K_UNARY'),
    ('B', 'BINARY_CODE', read_list(TENSOR_BACKEND, 'BINARY_OPS'), 'BINARY_OPS', 'x_ew_args.op of X_K_BINARY'),
    ('R', 'REDUCE_CODE', read_list(TENSOR_BACKEND, 'REDUCE_OPS'), 'REDUCE_OPS', 'x_reduce_args.op'),
    ('S', 'SCAN_CODE', read_list(TENSOR_BACKEND, 'SCAN_OPS'), 'SCAN_OPS', 'x_scan_args.op'),
    ('K', 'RANDOM_CODE', read_list(TENSOR_BACKEND, 'RANDOM_KINDS'), 'RANDOM_KINDS', 'x_random_args.kind'),
]
ENUMS = [(prefix, [DTYPE_C[x] if prefix == 'DT' else snake(x) for x in items], source, meaning)
         for prefix, _, items, source, meaning in TABLES]

# Flag and mode values of single fields: (C name, TypeScript object, [(name, value, meaning)])
FLAGS = [
    ('X_EW', 'EwFlags', [('A_SCALAR', 1, 'x_ew_args.flags: operand a is the scalar sa'),
                         ('B_SCALAR', 2, 'x_ew_args.flags: operand b is the scalar sb')]),
    ('X_REDUCE', 'ReducePhase', [('WHOLE', 0, 'x_reduce_args.flags: every part reduces whole outputs'),
                                 ('PARTIAL', 1, 'one output; part k reduces its share into scratch[k]'),
                                 ('COMBINE', 2, 'merges scratch[0 .. i0) into the output (one part)')]),
    ('X_SCATTER', 'ScatterReduce', [('NONE', 0, 'x_index_args.reduce: scatter stores'),
                                    ('ADD', 1, 'scatter adds')]),
]

# --------------------------------------------------------------------------------------- structs

# field: (name, type, count or None, meaning). Types: i32, u32 (a byte pointer into the memory),
# i64, f64, and opnd (x_opnd: one strided operand). A count names an array (a constant or a number).
OPND = ('x_opnd', 'Opnd', 'one strided operand: the byte pointer of its first element (the view offset '
        'applied) and its strides in elements', [
            ('ptr', 'u32', None, 'byte pointer of the first element'),
            ('st', 'i32', 'X_MAXDIM', 'strides in elements, one per dim of the iteration shape'),
        ])

STRUCTS = [
    ('x_matmul_args', 'MatmulArgs',
     'batched strided matmul (matmul.c): C[b] (M x N) = alpha * A[b] (M x K) @ B[b] (K x N) + beta * C[b], '
     'A[b][i][k] = a[b*a_bs + i*a_rs + k*a_cs] and likewise for B; C[b][i][j] = c[b*c_bs + i*ldc + j]. '
     'Strides in elements; a batch stride of 0 broadcasts; beta = 0 does not read C', [
         ('M', 'i32', None, 'rows of A and C'),
         ('N', 'i32', None, 'columns of B and C'),
         ('K', 'i32', None, 'columns of A, rows of B'),
         ('batch', 'i32', None, 'number of products'),
         ('a', 'u32', None, 'A'),
         ('a_rs', 'i32', None, 'A: row stride'),
         ('a_cs', 'i32', None, 'A: column stride'),
         ('a_bs', 'i32', None, 'A: batch stride'),
         ('b', 'u32', None, 'B'),
         ('b_rs', 'i32', None, 'B: row stride'),
         ('b_cs', 'i32', None, 'B: column stride'),
         ('b_bs', 'i32', None, 'B: batch stride'),
         ('c', 'u32', None, 'C (columns contiguous)'),
         ('ldc', 'i32', None, 'C: row stride'),
         ('c_bs', 'i32', None, 'C: batch stride'),
         ('alpha', 'f64', None, 'scale of the product (integer kernels truncate it)'),
         ('beta', 'f64', None, 'scale of C before it is added to'),
     ]),
    ('x_ew_args', 'EwArgs',
     'elementwise kernels (elementwise.c: unary, binary, where, copy, fill). o[0] is the output, inputs '
     'follow; all operands share shape[0 .. ndim), coalesced by the caller', [
         ('op', 'i32', None, 'U_* (unary) or B_* (binary)'),
         ('dtype', 'i32', None, 'DT_*: the inputs (binary, unary, copy source) or the output (where, fill)'),
         ('dtype2', 'i32', None, 'DT_*: the output of unary, binary and copy'),
         ('ndim', 'i32', None, 'dims of shape'),
         ('n', 'i32', None, 'elements'),
         ('flags', 'i32', None, 'X_EW_*'),
         ('sa', 'f64', None, 'binary: the scalar a (flags X_EW_A_SCALAR); fill: the value'),
         ('sb', 'f64', None, 'binary: the scalar b (flags X_EW_B_SCALAR)'),
         ('shape', 'i32', 'X_MAXDIM', 'iteration shape'),
         ('o', 'opnd', 'X_MAXOPS', 'operands: out, then the inputs (where: cond, a, b)'),
     ]),
    ('x_reduce_args', 'ReduceArgs',
     'reductions over trailing dims (reduce.c): x [outer..., inner...] -> out [outer...], the outer and '
     'the inner dims coalesced separately', [
         ('op', 'i32', None, 'R_*'),
         ('dtype', 'i32', None, 'DT_* of x'),
         ('ndo', 'i32', None, 'outer dims'),
         ('ndi', 'i32', None, 'inner dims'),
         ('nouter', 'i32', None, 'outputs'),
         ('ninner', 'i32', None, 'elements reduced into each output'),
         ('flags', 'i32', None, 'X_REDUCE_* phase'),
         ('i0', 'i32', None, 'X_REDUCE_COMBINE: the number of partial states'),
         ('oshape', 'i32', 'X_MAXDIM', 'outer shape'),
         ('ishape', 'i32', 'X_MAXDIM', 'inner shape'),
         ('x', 'u32', None, 'x'),
         ('xo', 'i32', 'X_MAXDIM', "x's strides over the outer dims"),
         ('xi', 'i32', 'X_MAXDIM', "x's strides over the inner dims"),
         ('out', 'u32', None, 'out'),
         ('os', 'i32', 'X_MAXDIM', "out's strides"),
         ('scratch', 'u32', None, 'X_REDUCE_MAXPARTS x_reduce_state for the partial phases'),
     ]),
    ('x_reduce_state', 'ReduceState', 'one part of a partial reduction (written by reduce.c only)', [
        ('d', 'f64', None, 'float accumulator / best float value'),
        ('i', 'i64', None, 'integer accumulator / best integer value'),
        ('idx', 'i64', None, 'arg*: the index of the best value'),
        ('has', 'i32', None, 'arg*: a value has been seen'),
        ('stop', 'i32', None, 'NaN seen (max, min, arg*) or the result decided (all, any)'),
    ]),
    ('x_scan_args', 'ScanArgs',
     'cumulative ops along one dim (reduce.c): rows over the other dims (coalesced), len along the scan dim', [
         ('op', 'i32', None, 'S_*'),
         ('dtype', 'i32', None, 'DT_*'),
         ('ndim', 'i32', None, 'dims of shape (the other dims)'),
         ('nrows', 'i32', None, 'rows'),
         ('len', 'i32', None, 'length of the scan dim'),
         ('xd', 'i32', None, "x's stride along the scan dim"),
         ('od', 'i32', None, "out's stride along the scan dim"),
         ('shape', 'i32', 'X_MAXDIM', 'shape of the other dims'),
         ('o', 'opnd', 2, 'o[0] = out, o[1] = x'),
     ]),
    ('x_index_args', 'IndexArgs',
     "gather / scatter along dim (index.c) over the index tensor's shape (not coalesced). gather: o[0] = out, "
     'o[1] = index, o[2] = x with st[dim] = 0; scatter: o[0] = dst with st[dim] = 0, o[1] = index, o[2] = src. '
     'An index outside [0, size) is reported in bad / bad_val, the first of each part', [
         ('ndim', 'i32', None, 'dims of shape'),
         ('dim', 'i32', None, 'the indexed dim'),
         ('n', 'i32', None, 'elements of the index'),
         ('size', 'i32', None, 'size of the indexed dim'),
         ('dtype', 'i32', None, 'DT_* of x (gather) or dst (scatter)'),
         ('sdtype', 'i32', None, 'DT_* of src (scatter)'),
         ('reduce', 'i32', None, 'X_SCATTER_*'),
         ('sdim', 'i32', None, "stride along dim of x (gather) or dst (scatter)"),
         ('shape', 'i32', 'X_MAXDIM', "the index's shape"),
         ('o', 'opnd', 3, 'operands as above'),
         ('bad_val', 'i64', 'X_INDEX_MAXPARTS', 'the first bad index of each part'),
         ('bad', 'i32', 'X_INDEX_MAXPARTS', 'part k met a bad index'),
     ]),
    ('x_sort_args', 'SortArgs',
     'stable sort along the last dim (sort.c), rows over the other dims (coalesced)', [
         ('dtype', 'i32', None, 'DT_* of x and values'),
         ('desc', 'i32', None, '1: descending'),
         ('len', 'i32', None, 'length of the last dim'),
         ('nrows', 'i32', None, 'rows'),
         ('ndim', 'i32', None, 'dims of shape'),
         ('vl', 'i32', None, "values' stride along the last dim"),
         ('il', 'i32', None, "indices' stride along the last dim"),
         ('xl', 'i32', None, "x's stride along the last dim"),
         ('shape', 'i32', 'X_MAXDIM', 'shape of the other dims'),
         ('o', 'opnd', 3, 'o[0] = values, o[1] = indices (int64), o[2] = x'),
         ('scratch', 'u32', None, '32 * len bytes per part, 16-aligned'),
     ]),
    ('x_random_args', 'RandomArgs',
     'Philox 4x32-10 fills (random.c): element i uses the block at counter (offset + i) under the key seed', [
         ('kind', 'i32', None, 'K_*'),
         ('dtype', 'i32', None, 'DT_* of the output'),
         ('ndim', 'i32', None, 'dims of shape'),
         ('n', 'i32', None, 'elements'),
         ('seed_lo', 'u32', None, 'key, low word'),
         ('seed_hi', 'u32', None, 'key, high word'),
         ('off_lo', 'u32', None, 'counter offset, low word'),
         ('off_hi', 'u32', None, 'counter offset, high word'),
         ('a', 'f64', None, 'uniform: low; normal: mean; randint: low; bernoulli: p'),
         ('b', 'f64', None, 'uniform: high; normal: std; randint: high'),
         ('shape', 'i32', 'X_MAXDIM', 'shape of the output (coalesced)'),
         ('o', 'opnd', 1, 'the output'),
     ]),
    ('x_mt_args', 'MtArgs',
     "PyTorch's CPU generator fills (random_mt.c): n draws, in order, from the mt19937 engine whose 624 words are at "
     "state; left and next are PyTorch's counters, read and written back. One part (the engine is sequential)", [
         ('kind', 'i32', None, 'K_*: uniform [a, b); normal (normal_fill, float32, n >= 16); randint [a, b) with b - a < 2^32; bernoulli p = a'),
         ('dtype', 'i32', None, 'DT_* of the output'),
         ('n', 'i32', None, 'elements'),
         ('left', 'i32', None, "PyTorch's left_: draws before the next twist, plus one"),
         ('next', 'i32', None, "PyTorch's next_: the next word to temper"),
         ('state', 'u32', None, 'the 624 words of the engine'),
         ('out', 'u32', None, 'the contiguous output'),
         ('a', 'f64', None, 'uniform: from; normal: mean; randint: low; bernoulli: p'),
         ('b', 'f64', None, 'uniform: to; normal: std; randint: high'),
     ]),
    ('x_softmax_args', 'SoftmaxArgs', 'softmax / log_softmax over the last dim of contiguous rows (softmax.c)', [
        ('dtype', 'i32', None, 'DT_F32 or DT_F64'),
        ('log', 'i32', None, '1: log_softmax'),
        ('rows', 'i32', None, 'rows'),
        ('len', 'i32', None, 'length of a row'),
        ('x', 'u32', None, 'x'),
        ('out', 'u32', None, 'out'),
    ]),
    ('x_im2col_args', 'Im2colArgs',
     'sliding windows (conv.c), two spatial dims (a 1-d window has H = kh = 1): im2col reads img and writes '
     'col [N, C*kh*kw, OH*OW]; col2im sums col back into img', [
         ('dtype', 'i32', None, 'DT_*'),
         ('N', 'i32', None, 'batch'),
         ('C', 'i32', None, 'channels'),
         ('H', 'i32', None, 'image height'),
         ('W', 'i32', None, 'image width'),
         ('OH', 'i32', None, 'window positions down'),
         ('OW', 'i32', None, 'window positions across'),
         ('kh', 'i32', None, 'kernel height'),
         ('kw', 'i32', None, 'kernel width'),
         ('sh', 'i32', None, 'stride down'),
         ('sw', 'i32', None, 'stride across'),
         ('ph', 'i32', None, 'padding top and bottom'),
         ('pw', 'i32', None, 'padding left and right'),
         ('dh', 'i32', None, 'dilation down'),
         ('dw', 'i32', None, 'dilation across'),
         ('img', 'u32', None, 'the image'),
         ('is_n', 'i32', None, "image's stride over N"),
         ('is_c', 'i32', None, "image's stride over C"),
         ('is_h', 'i32', None, "image's stride over H"),
         ('is_w', 'i32', None, "image's stride over W"),
         ('col', 'u32', None, 'the columns'),
         ('cs_n', 'i32', None, "columns' stride over N"),
         ('cs_r', 'i32', None, "columns' stride over rows (C*kh*kw)"),
         ('cs_l', 'i32', None, "columns' stride over window positions"),
         ('pad_value', 'f64', None, 'what padding reads as'),
     ]),
]

# Kernel ids of x_run, in order: (name, argument struct, what it runs)
KERNELS = [
    ('NOP', None, 'does nothing (pool tests, latency)'),
    ('MATMUL_F32', 'x_matmul_args', 'float32 GEMM'),
    ('MATMUL_F64', 'x_matmul_args', 'float64 GEMM'),
    ('MATMUL_I32', 'x_matmul_args', 'int32 GEMM'),
    ('MATMUL_I64', 'x_matmul_args', 'int64 GEMM'),
    ('UNARY', 'x_ew_args', 'out = op(x)'),
    ('BINARY', 'x_ew_args', 'out = op(a, b)'),
    ('WHERE', 'x_ew_args', 'out = cond ? a : b'),
    ('COPY', 'x_ew_args', 'out = x, with a dtype cast'),
    ('FILL', 'x_ew_args', 'out = sa'),
    ('REDUCE', 'x_reduce_args', 'reductions'),
    ('SCAN', 'x_scan_args', 'cumsum, cumprod'),
    ('GATHER', 'x_index_args', 'gather'),
    ('SCATTER', 'x_index_args', 'scatter'),
    ('SORT', 'x_sort_args', 'stable sort'),
    ('RANDOM', 'x_random_args', 'random fills'),
    ('SOFTMAX', 'x_softmax_args', 'softmax, log_softmax'),
    ('MT_RANDOM', 'x_mt_args', "PyTorch's CPU generator fills"),
    ('IM2COL', 'x_im2col_args', 'image to columns'),
    ('COL2IM', 'x_im2col_args', 'columns to image (summed)'),
]

# ------------------------------------------------------------------------------------------ layout

C_TYPE = {'i32': 'int32_t', 'u32': 'uint32_t', 'i64': 'int64_t', 'f64': 'double', 'opnd': 'x_opnd'}
SIZE = {'i32': 4, 'u32': 4, 'i64': 8, 'f64': 8, 'opnd': 4 + 4 * LIMIT['X_MAXDIM']}
ALIGN = {'i32': 4, 'u32': 4, 'i64': 8, 'f64': 8, 'opnd': 4}
# the TypeScript view a field is written through, and its element size
VIEW = {'i32': ('i32', 4), 'u32': ('i32', 4), 'opnd': ('i32', 4), 'f64': ('f64', 8), 'i64': ('i64', 8)}


def count_of(c):
    return 1 if c is None else LIMIT[c] if isinstance(c, str) else c


def layout(fields):
    """[(name, type, count, meaning, offset)], size."""
    off, align, out = 0, 4, []
    for name, ty, count, meaning in fields:
        a = ALIGN[ty]
        off = (off + a - 1) // a * a
        out.append((name, ty, count, meaning, off))
        off += SIZE[ty] * count_of(count)
        align = max(align, a)
    return out, (off + align - 1) // align * align


def c_struct(cname, doc, fields):
    placed, size = layout(fields)
    w = ['/*'] + textwrap.wrap(f'{doc}.', 104, initial_indent=' * ', subsequent_indent=' * ') + [' */', 'typedef struct {']
    for name, ty, count, meaning, off in placed:
        arr = '' if count is None else f'[{count}]'
        w.append(f'  {C_TYPE[ty]} {name}{arr}; /* {off}: {meaning} */')
    w.append(f'}} {cname};')
    w.append(f'_Static_assert(sizeof({cname}) == {size}, "{cname}: size");')
    for name, _, _, _, off in placed:
        w.append(f'_Static_assert(offsetof({cname}, {name}) == {off}, "{cname}.{name}");')
    return w, size


def ts_struct(cname, tsname, doc, fields):
    placed, size = layout(fields)
    views = {}
    for name, ty, count, meaning, off in placed:
        view, esize = VIEW[ty]
        views.setdefault(view, []).append((name, off // esize, count, meaning, ty))
    w = []
    suffix = {'i32': '', 'f64': 'F64', 'i64': 'I64'}
    unit = {'i32': 'int32 words', 'f64': 'float64 elements', 'i64': 'int64 elements'}
    for view in ('i32', 'f64', 'i64'):
        if view not in views:
            continue
        if not w:
            w.append('/**')
            w.extend(textwrap.wrap(f'{cname} ({size} bytes): {doc}. Offsets in {unit[view]}.', 104,
                                   initial_indent=' * ', subsequent_indent=' * '))
            w.append(' */')
        else:
            w.append(f'/** The {view} fields of {cname}, offsets in {unit[view]}. */')
        w.append(f'export const enum {tsname}{suffix[view]} {{')
        for name, idx, count, meaning, ty in views[view]:
            what = meaning if count is None else f'{meaning} [{count}]'
            if ty == 'opnd':
                what += f', each {SIZE["opnd"] // 4} words (Opnd)'
            w.append(f'  /** {what} */')
            w.append(f'  {name} = {idx},')
        w.append('}')
    return w, size


def abi_version():
    """A checksum of everything both sides must agree on (31 bits, so it is a positive int32)."""
    text = repr((CONSTANTS, ENUMS, FLAGS, KERNELS, [(c, [layout(f)[0], layout(f)[1]]) for c, _, _, f in [OPND] + STRUCTS]))
    return zlib.crc32(text.encode()) & 0x7fffffff


def generate():
    h = ['/* Generated by native/wasm/tools/gen_args.py: do not edit. The calling convention of x_run: kernel',
         ' * ids, op codes (the op tables of @x/tensor) and argument structs; the TypeScript side is',
         ' * packages/backend-wasm/src/runtime/args.ts, written from the same description. */',
         '#ifndef X_ARGS_H', '#define X_ARGS_H', '#include <stddef.h>', '#include <stdint.h>', '']
    for name, value, meaning in CONSTANTS:
        h.append(f'#define {name} {value} /* {meaning} */')
    h.append('')
    for prefix, items, source, meaning in ENUMS:
        h.append(f'/* {meaning}: the order of {source} */')
        body = ', '.join([f'{prefix}_{item} = {i}' for i, item in enumerate(items)] + [f'{prefix}_COUNT = {len(items)}'])
        h.append('enum {')
        h.extend(textwrap.wrap(body, 108, initial_indent='  ', subsequent_indent='  '))
        h.append('};')
    for cprefix, _, values in FLAGS:
        h.append('enum { ' + ', '.join(f'{cprefix}_{n} = {v}' for n, v, _ in values) + ' };')
    h.append('')
    h.append('/* kernel ids of x_run */')
    h.append('enum {')
    for i, (name, struct, meaning) in enumerate(KERNELS):
        h.append(f'  X_K_{name} = {i}, /* {meaning}' + (f'; args: {struct}' if struct else '') + ' */')
    h.append('  X_K_COUNT')
    h.append('};')
    h.append('')
    sizes = {}
    for cname, tsname, doc, fields in [OPND] + STRUCTS:
        lines, size = c_struct(cname, doc, fields)
        sizes[cname] = size
        h.extend(lines)
        h.append('')
    abi = abi_version()
    h.append(f'/* checksum of this calling convention: x_abi_version() returns it and the runtime compares */')
    h.append(f'#define X_ABI_VERSION {abi}')
    h.append('')
    args_bytes = max(sizes[s] for s in sizes if s.endswith('_args'))
    args_bytes = (args_bytes + 63) // 64 * 64
    h.append(f'#define X_ARGS_BYTES {args_bytes} /* the largest argument struct, rounded up to 64 */')
    h.append('')
    h.append('#endif')

    t = ['// Generated by native/wasm/tools/gen_args.py: do not edit. The calling convention of x_run as',
         "// TypeScript sees it: kernel ids and each argument struct's field offsets, in units of the typed",
         '// view that writes the field (Int32Array for int32 / pointer fields, Float64Array, BigInt64Array).',
         '// Op codes are the positions of the ops in the op tables of @x/tensor (UNARY_OPS, ...). Offsets are',
         '// const enums: the bundler writes each use as its number, so naming a field costs nothing at run time.', '']
    for name, value, meaning in CONSTANTS:
        t.append(f'/** {meaning} */')
        t.append(f'export const {name} = {value};')
    t.append('/** Checksum of this calling convention; a module built from another one refuses to load. */')
    t.append(f'export const ABI_VERSION = {abi};')
    t.append(f'/** Bytes of the argument block: the largest argument struct, rounded up to 64. */')
    t.append(f'export const ARGS_BYTES = {args_bytes};')
    t.append('')
    for _, tsname, values in FLAGS:
        t.append(f'export const enum {tsname} {{')
        for n, v, meaning in values:
            t.append(f'  /** {meaning} */')
            t.append(f'  {n} = {v},')
        t.append('}')
    t.append('')
    for _, tsname, items, source, meaning in TABLES:
        t.append(f'/** {meaning[0].upper() + meaning[1:]}: positions in {source}. */')
        t.append(f'export const {tsname} = {{ ' + ', '.join(f'{x}: {i}' for i, x in enumerate(items)) + ' } as const;')
    t.append('')
    t.append('/** Kernel ids of x_run. */')
    t.append('export const KernelId = {')
    for i, (name, struct, meaning) in enumerate(KERNELS):
        t.append(f'  /** {meaning}' + (f' ({struct})' if struct else '') + ' */')
        t.append(f'  {name}: {i},')
    t.append('} as const;')
    t.append('export type KernelId = (typeof KernelId)[keyof typeof KernelId];')
    t.append('')
    for cname, tsname, doc, fields in [OPND] + STRUCTS:
        lines, size = ts_struct(cname, tsname, doc, fields)
        t.extend(lines)
        if cname == 'x_opnd':
            t.append('/** int32 words of one x_opnd. */')
            t.append(f'export const OPND_WORDS = {size // 4};')
        t.append(f'export const {tsname}Bytes = {size};')
        t.append('')
    return '\n'.join(h) + '\n', '\n'.join(t).rstrip('\n') + '\n'


def main():
    c_text, ts_text = generate()
    if '--check' in sys.argv[1:]:
        stale = [str(p.relative_to(ROOT)) for p, text in ((H_OUT, c_text), (TS_OUT, ts_text))
                 if not p.exists() or p.read_text() != text]
        if stale:
            sys.exit(f'gen_args.py: {", ".join(stale)} differ from the description (run: python3 native/wasm/tools/gen_args.py, then commit)')
        print('wasm: args.h and args.ts match native/wasm/tools/gen_args.py')
        return
    H_OUT.write_text(c_text)
    TS_OUT.write_text(ts_text)
    print(f'wrote {H_OUT.relative_to(ROOT)} and {TS_OUT.relative_to(ROOT)}')


if __name__ == '__main__':
    main()
