/**
 * A dataset's state as it travels to a worker thread (PyTorch's spawned workers get theirs from
 * pickle): a table of the objects it reaches, each once (so shared objects stay shared and cycles
 * survive), that structured clone carries; classes and functions as a module and an export name.
 */
import type { RawTensor } from './raw-tensor';

/** A primitive, or a reference to an entry of `EncodedState.nodes`. */
export type Slot = null | undefined | boolean | number | bigint | string | { ref: number };

/** Where a worker imports a class or a function from: an index into `EncodedState.modules` and an export name. */
export interface NameRef {
  module: number;
  name: string;
}

/** An own property that is not a plain writable, enumerable, configurable data property records which it is not. */
export const NOT_ENUMERABLE = 1;
export const NOT_WRITABLE = 2;
export const NOT_CONFIGURABLE = 4;

export type Prop = [key: string, value: Slot, flags?: number];

export type Node =
  | { kind: 'array'; items: Slot[] }
  /** A plain object (`cls` null; `nullProto` for Object.create(null)) or an instance of an imported class. */
  | { kind: 'object'; cls: NameRef | null; nullProto?: boolean; props: Prop[]; integrity?: 'frozen' | 'sealed' | 'nonExtensible' }
  | { kind: 'map'; entries: [Slot, Slot][] }
  | { kind: 'set'; items: Slot[] }
  /** A tensor's elements (null when only checking that it could travel). */
  | { kind: 'tensor'; raw: RawTensor | null }
  | { kind: 'generator'; device: string; state: Uint8Array }
  /** A value structured clone copies as it is: typed arrays, ArrayBuffers, Dates, RegExps. */
  | { kind: 'clone'; value: unknown }
  | { kind: 'buffer'; bytes: Uint8Array }
  | { kind: 'url'; href: string }
  /** A function or object a worker imports. */
  | { kind: 'export'; ref: NameRef }
  /** An object its class rebuilds by calling an export with arguments (a workerSource(), as pickle's __reduce__). */
  | { kind: 'reduce'; ref: NameRef; args: Slot };

export interface EncodedState {
  /** Module specifiers, imported in this order before anything is rebuilt (they may register a backend). */
  modules: string[];
  nodes: Node[];
  root: Slot;
}
