/**
 * Context variables that follow async code: a value set with `run(value, fn)` is seen by everything
 * `fn` starts, including code after an `await` inside it. Node's AsyncLocalStorage provides this;
 * where it is missing (browsers until AsyncContext ships) a plain stack is used, which is exact for
 * synchronous callbacks and for one async callback at a time.
 */

interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
  enterWith(store: T): void;
}

type ALSConstructor = new <T>() => AsyncLocalStorageLike<T>;

function findAsyncLocalStorage(): ALSConstructor | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:async_hooks') as { AsyncLocalStorage?: ALSConstructor } | undefined;
  return mod?.AsyncLocalStorage;
}

const ALS = findAsyncLocalStorage();

/** Whether context variables follow `await` in every case (true in Node ≥ 20.16). */
export const asyncContextSupported = ALS !== undefined;

export interface ContextVar<T> {
  get(): T;
  /** Runs fn with the variable set to value; an async fn keeps it across its awaits. */
  run<R>(value: T, fn: () => R): R;
  /** Sets the variable for the rest of the current (async) execution context. */
  set(value: T): void;
}

export function contextVar<T>(initial: T): ContextVar<T> {
  if (ALS) {
    const als = new ALS<{ value: T }>();
    const root = { value: initial };
    return {
      get: () => (als.getStore() ?? root).value,
      run: (value, fn) => als.run({ value }, fn),
      set: (value) => {
        const store = als.getStore();
        if (store) store.value = value;
        else root.value = value;
      },
    };
  }
  let current = initial;
  return {
    get: () => current,
    run<R>(value: T, fn: () => R): R {
      const saved = current;
      current = value;
      let result: R;
      try {
        result = fn();
      } catch (e) {
        current = saved;
        throw e;
      }
      if (result instanceof Promise) {
        return result.finally(() => {
          current = saved;
        }) as R;
      }
      current = saved;
      return result;
    },
    set: (value) => {
      current = value;
    },
  };
}
