/**
 * A kernel's parameters, described once by name and type. The description gives both sides of
 * binding 0: the WGSL that declares them (one struct, bound read-only as `params`, read by name:
 * `params.M`, `params.x.strides[d]`) and the writer that lays a TypeScript object keyed by the same
 * names out in the struct's u32 words. Shader and host cannot disagree on where a value sits, since
 * neither states it (tfjs-backend-webgpu's named uniforms work the same way).
 *
 * Field types:
 * - 'u32', 'i32', 'f32': one word, from a number (a negative u32 wraps, as strides do: u32 arithmetic
 *   wraps back, so the sums stay right modulo 2^32);
 * - 'vec2<u32>': an int64 bit pattern as [lo, hi] words, 8-byte aligned as WGSL lays it out;
 * - `list(n)`: `array<u32, n>` (a shape), from exactly n numbers;
 * - `view(rank)`: an operand's place in its buffer, struct `{ offset, strides: array<u32, rank> }`;
 * - `dims(operands, capacity)`: dims walked together whose count is chosen per dispatch (at most
 *   `capacity`): struct `{ rank, shape, <operand>: its strides, ... }`, written from a shape and one
 *   stride list per operand (`merge`'s result), with a WGSL function `<field>_<operand>(lin) -> u32`
 *   per operand: the element offset of row-major position `lin`, relative to the operand's own offset.
 *
 * The struct lives in a storage buffer, as the positional words did: fields are read at constant
 * offsets, and a `dims` shape is indexed by a loop counter exactly as before.
 */

export type ScalarType = 'u32' | 'i32' | 'f32' | 'vec2<u32>';

export interface ListType {
  readonly kind: 'list';
  readonly length: number;
}

export interface ViewType {
  readonly kind: 'view';
  readonly rank: number;
}

export interface DimsType<O extends string = string> {
  readonly kind: 'dims';
  readonly operands: readonly O[];
  readonly capacity: number;
}

export type ParamType = ScalarType | ListType | ViewType | DimsType;
export type ParamTypes = Readonly<Record<string, ParamType>>;

/** Where an operand's elements sit: an element offset and a stride per dim (of its own dtype). */
export interface ViewValue {
  readonly offset: number;
  readonly strides: readonly number[];
}

/** A shape and each operand's strides over it, in the order of the field's operands. */
export interface DimsValue {
  readonly shape: readonly number[];
  readonly strides: readonly (readonly number[])[];
}

type ValueOf<T extends ParamType> =
  T extends 'vec2<u32>' ? readonly [number, number]
  : T extends ScalarType ? number
  : T extends ListType ? readonly number[]
  : T extends ViewType ? ViewValue
  : DimsValue;

export type ParamValues<T extends ParamTypes> = { readonly [K in keyof T]: ValueOf<T[K]> };
/** The value of a field of any type (for descriptions built at run time). */
export type ParamValue = ValueOf<ParamType>;

export function list(length: number): ListType {
  if (!Number.isInteger(length) || length < 1) throw new Error(`a parameter list holds 1 or more words, got ${length}`);
  return { kind: 'list', length };
}

export function view(rank: number): ViewType {
  if (!Number.isInteger(rank) || rank < 0) throw new Error(`a view parameter has a rank of 0 or more, got ${rank}`);
  return { kind: 'view', rank };
}

export function dims<const O extends string>(operands: readonly O[], capacity: number): DimsType<O> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`dims hold at least 1 dim, got a capacity of ${capacity}`);
  if (operands.length === 0) throw new Error('dims need at least one operand to stride over them');
  for (const o of operands) checkName(o);
  return { kind: 'dims', operands, capacity };
}

/** A field and its first word in the struct. */
interface Slot {
  readonly name: string;
  readonly type: ParamType;
  readonly at: number;
}

/** The description of one kernel's parameters: its WGSL declarations and its word writer. */
export class Params<const T extends ParamTypes> {
  private readonly slots: Slot[] = [];
  /** Words the struct occupies (its WGSL size / 4): the length of every `write` result. */
  readonly words: number;

  constructor(readonly types: T) {
    let at = 0;
    let align = 1;
    for (const [name, type] of Object.entries(types)) {
      checkName(name);
      const a = alignOf(type);
      at = Math.ceil(at / a) * a;
      this.slots.push({ name, type, at });
      at += sizeOf(type);
      align = Math.max(align, a);
    }
    if (this.slots.length === 0) throw new Error('a kernel has at least one parameter (WGSL has no empty struct)');
    this.words = Math.ceil(at / align) * align;
  }

  /**
   * The WGSL of binding 0: the struct types, `@group(0) @binding(0) var<storage, read> params`, and
   * the offset functions of `dims` fields.
   */
  wgsl(): string {
    const structs = new Map<string, string>();
    const members: string[] = [];
    const fns: string[] = [];
    for (const { name, type } of this.slots) {
      if (typeof type === 'string') members.push(`${name}: ${type}`);
      else if (type.kind === 'list') members.push(`${name}: array<u32, ${type.length}>`);
      else if (type.kind === 'view') {
        const struct = `View${type.rank}`;
        structs.set(struct, `struct ${struct} { offset: u32${type.rank > 0 ? `, strides: array<u32, ${type.rank}>` : ''} }`);
        members.push(`${name}: ${struct}`);
      } else {
        const struct = `${name[0]!.toUpperCase()}${name.slice(1)}Dims`;
        const arr = `array<u32, ${type.capacity}>`;
        structs.set(struct, `struct ${struct} { rank: u32, shape: ${arr}, ${type.operands.map((o) => `${o}: ${arr}`).join(', ')} }`);
        members.push(`${name}: ${struct}`);
        for (const o of type.operands) fns.push(offsetFn(name, o));
      }
    }
    return [
      ...structs.values(),
      `struct Params { ${members.join(', ')} }`,
      `@group(0) @binding(0) var<storage, read> params: Params;`,
      ...fns,
    ].join('\n');
  }

  /** The struct's words for these values. */
  write(values: ParamValues<T>): Uint32Array {
    const out = new Uint32Array(this.words);
    const given = values as Readonly<Record<string, unknown>>;
    for (const { name, type, at } of this.slots) {
      const v = given[name];
      if (v === undefined) throw new Error(`kernel parameter '${name}' has no value`);
      if (typeof type === 'string') writeScalar(out, at, name, type, v);
      else if (type.kind === 'list') writeWords(out, at, name, v as readonly number[], type.length);
      else if (type.kind === 'view') {
        const { offset, strides } = v as ViewValue;
        out[at] = offset >>> 0;
        writeWords(out, at + 1, `${name}.strides`, strides, type.rank);
      } else {
        const { shape, strides } = v as DimsValue;
        if (shape.length > type.capacity) throw new Error(`kernel parameter '${name}' holds at most ${type.capacity} dims, got ${shape.length}`);
        if (strides.length !== type.operands.length) {
          throw new Error(`kernel parameter '${name}' takes strides for ${type.operands.join(', ')}, got ${strides.length} lists`);
        }
        out[at] = shape.length;
        writeWords(out, at + 1, `${name}.shape`, shape, shape.length);
        type.operands.forEach((o, k) => writeWords(out, at + 1 + (k + 1) * type.capacity, `${name}.${o}`, strides[k]!, shape.length));
      }
    }
    return out;
  }
}

function alignOf(t: ParamType): number {
  return t === 'vec2<u32>' ? 2 : 1;
}

function sizeOf(t: ParamType): number {
  if (typeof t === 'string') return t === 'vec2<u32>' ? 2 : 1;
  if (t.kind === 'list') return t.length;
  if (t.kind === 'view') return 1 + t.rank;
  return 1 + t.capacity * (1 + t.operands.length);
}

/** `fn <field>_<operand>(lin: u32) -> u32`: the operand's element offset of row-major position lin. */
function offsetFn(field: string, operand: string): string {
  return `fn ${field}_${operand}(lin: u32) -> u32 {
  var rem = lin;
  var off = 0u;
  for (var d = i32(params.${field}.rank) - 1; d >= 0; d = d - 1) {
    let s = params.${field}.shape[d];
    off = off + (rem % s) * params.${field}.${operand}[d];
    rem = rem / s;
  }
  return off;
}`;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

function writeScalar(out: Uint32Array, at: number, name: string, type: ScalarType, v: unknown): void {
  if (type === 'vec2<u32>') {
    const pair = v as readonly number[];
    if (!Array.isArray(pair) || pair.length !== 2) throw new Error(`kernel parameter '${name}' is a vec2<u32>: [lo, hi] words, got ${String(v)}`);
    out[at] = pair[0]! >>> 0;
    out[at + 1] = pair[1]! >>> 0;
    return;
  }
  if (typeof v !== 'number') throw new Error(`kernel parameter '${name}' is a ${type}: a number, got ${typeof v}`);
  if (type === 'f32') {
    F32[0] = v;
    out[at] = U32[0]!;
  } else out[at] = v >>> 0;
}

function writeWords(out: Uint32Array, at: number, name: string, vs: readonly number[], length: number): void {
  if (vs.length !== length) throw new Error(`kernel parameter '${name}' holds ${length} words, got ${vs.length}`);
  for (let j = 0; j < vs.length; j++) out[at + j] = vs[j]! >>> 0;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
function checkName(name: string): void {
  if (!NAME.test(name)) throw new Error(`a kernel parameter is named like a WGSL identifier (a letter, then letters, digits or _), got '${name}'`);
}
