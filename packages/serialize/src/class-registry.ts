/**
 * Classes the user allows into files. PyTorch pickles a whole object by naming its class; loading
 * then imports that class — which is how a pickle runs code. Here only classes registered on purpose
 * (by the program that loads, never by the file) are saved whole or rebuilt, each with explicit
 * functions from object to state and back.
 */
import { Tensor } from '@x/tensor';

/** How one registered class is written and rebuilt. */
export interface ClassCodec<T = unknown> {
  /** The class's Python name in files, 'module.QualName' (default `__main__.<class name>`). */
  readonly pythonName: string;
  readonly ctor: abstract new (...args: never[]) => T;
  /** The object's state: data, tensors, and other registered objects. */
  getState(obj: T): unknown;
  /** The object rebuilt from its loaded state. */
  fromState(state: unknown): T;
}

const byCtor = new Map<unknown, ClassCodec>();
const byName = new Map<string, ClassCodec>();

/**
 * Lets objects of `ctor` be saved whole and loaded back, as Python's pickle does for a class it can
 * import — but only for classes registered here, by the loading program.
 *
 * @example
 * class Point { constructor(public x = 0, public y = 0) {} }
 * registerClass(Point, { getState: (p) => ({ x: p.x, y: p.y }), fromState: (s) => new Point(s.x, s.y) });
 */
export function registerClass<T>(
  ctor: abstract new (...args: never[]) => T,
  options: { pythonName?: string; getState: (obj: T) => unknown; fromState: (state: any) => T },
): void {
  const pythonName = options.pythonName ?? `__main__.${ctor.name}`;
  if (!/^[A-Za-z_][\w.]*\.[A-Za-z_]\w*$/.test(pythonName)) throw new TypeError(`registerClass: '${pythonName}' is not a Python 'module.Name'`);
  const existing = byName.get(pythonName);
  if (existing !== undefined && existing.ctor !== ctor) throw new Error(`registerClass: '${pythonName}' is already registered for another class`);
  const codec: ClassCodec<T> = { pythonName, ctor, getState: options.getState, fromState: options.fromState };
  byCtor.set(ctor, codec as ClassCodec);
  byName.set(pythonName, codec as ClassCodec);
}

export function codecForObject(x: object): ClassCodec | undefined {
  return byCtor.get(x.constructor);
}

export function codecForName(pythonName: string): ClassCodec | undefined {
  return byName.get(pythonName);
}

// ---- nn.Parameter, without depending on @x/nn

type ParameterCtor = new (data: Tensor, requiresGrad?: boolean) => Tensor;
let parameterClass: ParameterCtor | null = null;

/**
 * Tells the loader which class is nn.Parameter, so `_rebuild_parameter` in a file comes back as one
 * (@x/torch registers @x/nn's Parameter). Without it, parameters load as tensors with requiresGrad.
 */
export function registerParameterClass(ctor: ParameterCtor): void {
  parameterClass = ctor;
}

export function getParameterClass(): ParameterCtor | null {
  return parameterClass;
}

/** Whether t is an nn.Parameter: the registered class, or (unregistered) a class named Parameter. */
export function isParameterTensor(t: Tensor): boolean {
  if (parameterClass !== null) return t instanceof parameterClass;
  for (let p = Object.getPrototypeOf(t); p !== null && p !== Tensor.prototype; p = Object.getPrototypeOf(p)) {
    if (p.constructor?.name === 'Parameter') return true;
  }
  return false;
}
