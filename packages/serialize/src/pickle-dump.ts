/**
 * Pickles JavaScript data as the Python data it stands for: null/undefined → None, booleans, numbers
 * (whole → int, else float; `pyFloat` forces float), bigint → int, strings, arrays → list (tuple when
 * marked), plain objects and Maps → dict (OrderedDict when marked or carrying `_metadata`), Sets →
 * set, Uint8Array → bytes. Other objects go to `hooks.reduce` (tensors, registered classes) or are refused with the path
 * to the offending value.
 */
import { OP } from './pickle-opcodes';
import type { PickleWriter } from './pickle-writer';
import { PyFloat, hiddenAttributes, isOrderedDict, isTuple } from './python-values';

export interface DumpHooks {
  /**
   * Writes an object this format knows (and memoizes it with `w.put(x)`); returns false to let the
   * generic rules decide. `dump` pickles a nested value.
   */
  reduce?(x: object, w: PickleWriter, dump: (v: unknown, path: string) => void, path: string): boolean;
  /** Told of every Python float written, with its path (for the weights_only warning of save()). */
  onFloat?(path: string): void;
}

const BATCH = 1000;

function describe(x: unknown): string {
  if (typeof x === 'function') return `a function (${(x as { name?: string }).name || 'anonymous'})`;
  if (typeof x === 'symbol') return 'a symbol';
  if (typeof x === 'object' && x !== null) return `an object of class ${x.constructor?.name ?? 'Object'}`;
  return typeof x;
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Pickles `value` with `w`, following the rules above. `path` names the value in errors ("obj.layers[2]"). */
export function dumpValue(w: PickleWriter, value: unknown, hooks: DumpHooks = {}, path = 'obj'): void {
  const inProgress = new Set<object>();

  const dict = (x: object, entries: Iterable<[unknown, unknown]>, p: string, keyPath: (k: unknown) => string): void => {
    const attrs = hiddenAttributes(x);
    const ordered = isOrderedDict(x) || attrs.length > 0;
    if (ordered) {
      w.global('collections', 'OrderedDict');
      w.op(OP.EMPTY_TUPLE);
      w.op(OP.REDUCE);
    } else {
      w.op(OP.EMPTY_DICT);
    }
    w.put(x);
    let n = 0;
    for (const [k, v] of entries) {
      if (n === 0) w.mark();
      dump(k, `${p} key`);
      dump(v, keyPath(k));
      if (++n === BATCH) {
        w.op(OP.SETITEMS);
        n = 0;
      }
    }
    if (n > 0) w.op(OP.SETITEMS);
    if (attrs.length > 0) {
      w.op(OP.EMPTY_DICT);
      for (const [k, v] of attrs) {
        w.str(k);
        dump(v, `${p}.${k}`);
        w.op(OP.SETITEM);
      }
      w.op(OP.BUILD);
    }
  };

  const dump = (x: unknown, p: string): void => {
    switch (typeof x) {
      case 'undefined':
        w.none();
        return;
      case 'boolean':
        w.bool(x);
        return;
      case 'number':
        if (Number.isInteger(x) && !Object.is(x, -0)) w.int(x);
        else {
          hooks.onFloat?.(p);
          w.float(x);
        }
        return;
      case 'bigint':
        w.int(x);
        return;
      case 'string':
        w.str(x);
        return;
      case 'object':
        break;
      default:
        throw new TypeError(`cannot save ${describe(x)} at ${p}: only data (numbers, strings, booleans, null, arrays, objects, Maps, Sets), tensors and registered classes can be saved`);
    }
    if (x === null) {
      w.none();
      return;
    }
    if (x instanceof PyFloat) {
      hooks.onFloat?.(p);
      w.float(x.value);
      return;
    }
    if (w.get(x)) return;
    if (inProgress.has(x)) throw new TypeError(`cannot save ${p}: it contains itself through a tuple, which a pickle cannot express`);
    if (hooks.reduce?.(x, w, dump, p)) return;
    if (Array.isArray(x)) {
      if (isTuple(x)) {
        inProgress.add(x);
        if (x.length > 3) w.mark();
        x.forEach((v, i) => dump(v, `${p}[${i}]`));
        inProgress.delete(x);
        w.tuple(x.length);
        w.put(x);
        return;
      }
      w.op(OP.EMPTY_LIST);
      w.put(x);
      for (let i = 0; i < x.length; i += BATCH) {
        const end = Math.min(x.length, i + BATCH);
        if (end - i > 1) w.mark();
        for (let j = i; j < end; j++) dump(x[j], `${p}[${j}]`);
        w.op(end - i > 1 ? OP.APPENDS : OP.APPEND);
      }
      return;
    }
    if (x instanceof Map) {
      dict(x, x.entries(), p, (k) => `${p}.get(${typeof k === 'string' ? JSON.stringify(k) : String(k)})`);
      return;
    }
    if (x instanceof Set && x.size === 0) {
      // EMPTY_SET (a protocol 4 opcode every unpickler reads): PyTorch 1.13's weights_only reader
      // accepts it, where it refuses the global __builtin__.set that protocol 2 writes.
      w.op(OP.EMPTY_SET);
      w.put(x);
      return;
    }
    if (x instanceof Set) {
      w.global('__builtin__', 'set');
      w.op(OP.EMPTY_LIST);
      w.put({});
      let i = 0;
      for (const v of x) {
        dump(v, `${p} item ${i++}`);
        w.op(OP.APPEND);
      }
      w.tuple(1);
      w.op(OP.REDUCE);
      w.put(x);
      return;
    }
    if (x instanceof Uint8Array) {
      // Python bytes, as protocol 2 writes them: _codecs.encode(str(b, 'latin1'), 'latin1').
      w.global('_codecs', 'encode');
      let latin1 = '';
      for (let i = 0; i < x.length; i += 4096) latin1 += String.fromCharCode(...x.subarray(i, i + 4096));
      w.str(latin1);
      w.str('latin1');
      w.tuple(2);
      w.op(OP.REDUCE);
      w.put(x);
      return;
    }
    if (ArrayBuffer.isView(x) || x instanceof ArrayBuffer) {
      throw new TypeError(`cannot save ${describe(x)} at ${p}: save numeric arrays as tensors (torch.tensor(array))`);
    }
    if (isPlainObject(x)) {
      dict(x, Object.entries(x), p, (k) => (/^[A-Za-z_$][\w$]*$/.test(String(k)) ? `${p}.${String(k)}` : `${p}[${JSON.stringify(k)}]`));
      return;
    }
    const isModule = typeof (x as { stateDict?: unknown }).stateDict === 'function';
    throw new TypeError(
      `cannot save ${describe(x)} at ${p}: ` +
        (isModule
          ? `a module is saved whole only when its class is one of @x/nn's layers or registered with nn.registerModuleClass(${(x as object).constructor?.name ?? 'Net'}); PyTorch's recommendation is to save model.stateDict() instead`
          : 'only data, tensors and registered classes can be saved (register the class with registerClass, or save its data)'),
    );
  };

  dump(value, path);
}
