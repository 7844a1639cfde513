/**
 * Turns what the unpickler built into plain JavaScript: PyDict → a plain object when its keys are
 * strings that keep their order in one (else a Map), PySet → Set; lists and tuples stay arrays.
 * Domain objects (pending tensors, dtypes, …) go through `materialize`. Sharing and cycles survive:
 * a value reached twice converts to one object. Iterative, so a deeply nested file cannot overflow
 * the call stack.
 */
import { SerializationError } from './errors';
import { PyDict, PySet } from './pickle-reader';
import { keysFitObject, orderedDict, setHiddenAttribute } from './python-values';

/** Converts a domain object; `convert` turns a nested Python value (its state) into JavaScript. */
export type Materialize = (x: object, convert: (v: unknown) => unknown) => unknown;

export class PythonConverter {
  private readonly results = new Map<object, unknown>();
  private readonly filled = new Set<object>();
  private readonly materializing = new Set<object>();

  constructor(private readonly materialize: Materialize) {}

  /** The JavaScript value for a Python value, with every container reachable from it filled. */
  convert(root: unknown): unknown {
    const queue: object[] = [];
    const out = this.resultOf(root, queue);
    while (queue.length > 0) this.fill(queue.pop()!, queue);
    return out;
  }

  private resultOf(x: unknown, queue: object[]): unknown {
    if (typeof x !== 'object' || x === null || x instanceof Uint8Array) return x;
    if (this.results.has(x)) {
      if (!this.filled.has(x)) queue.push(x);
      return this.results.get(x);
    }
    let r: unknown;
    if (Array.isArray(x)) r = x;
    else if (x instanceof PyDict) {
      r = keysFitObject(x.map.keys()) ? {} : new Map();
      if (x.ordered) orderedDict(r as object);
    } else if (x instanceof PySet) r = new Set();
    else {
      if (this.materializing.has(x)) throw new SerializationError('the pickle holds an object whose state refers back to itself, which cannot be rebuilt');
      this.materializing.add(x);
      try {
        r = this.materialize(x, (v) => this.convert(v));
      } finally {
        this.materializing.delete(x);
      }
      this.results.set(x, r);
      this.filled.add(x);
      return r;
    }
    this.results.set(x, r);
    queue.push(x);
    return r;
  }

  private fill(x: object, queue: object[]): void {
    if (this.filled.has(x)) return;
    this.filled.add(x);
    const r = this.results.get(x);
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) x[i] = this.resultOf(x[i], queue);
    } else if (x instanceof PyDict) {
      if (r instanceof Map) {
        for (const [k, v] of x.map) r.set(this.resultOf(k, queue), this.resultOf(v, queue));
      } else {
        for (const [k, v] of x.map) Object.defineProperty(r, k as string, { value: this.resultOf(v, queue), enumerable: true, writable: true, configurable: true });
      }
      // An OrderedDict's attributes (PyTorch's `_metadata`) ride along, hidden from its keys.
      if (x.state instanceof PyDict) {
        for (const [k, v] of x.state.map) if (typeof k === 'string') setHiddenAttribute(r as object, k, this.resultOf(v, queue));
      }
    } else if (x instanceof PySet) {
      for (const v of x.items) (r as Set<unknown>).add(this.resultOf(v, queue));
    }
  }
}
