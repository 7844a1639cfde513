/**
 * torchvision.datasets.VisionDataset: a map-style dataset with a root folder, a transform for the
 * image and one for the target, and torchvision's printed form.
 */
import { homedir } from 'node:os';
import { Dataset } from '@x/data';
import { objectAddress } from '@x/tensor';

/** A transform: a function, or an object with `forward` (a transform module). */
export type Transform<I = unknown, O = unknown> = ((input: I) => O) | { forward(input: I): O };

export function applyTransform<I>(transform: Transform<I> | null, input: I): unknown {
  if (transform === null) return input;
  return typeof transform === 'function' ? transform(input) : transform.forward(input);
}

/** What Python's repr() shows for a transform: a module's own text, `<function name at 0x…>` for a function. */
export function transformRepr(transform: Transform): string {
  if (typeof transform === 'function') return `<function ${transform.name || '<lambda>'} at ${objectAddress(transform)}>`;
  const text = String(transform);
  return text === '[object Object]' ? `<${transform.constructor?.name ?? 'object'} object at ${objectAddress(transform)}>` : text;
}

/** os.path.expanduser. */
export function expandUser(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

export function checkTransform(value: unknown, name: string, owner: string): Transform | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'function' || (typeof value === 'object' && typeof (value as { forward?: unknown }).forward === 'function')) return value as Transform;
  throw new TypeError(`${owner}: ${name} should be a function or a transform with forward(), but got ${typeof value === 'object' ? 'an object without forward()' : `${typeof value} ${String(value)}`}`);
}

export abstract class VisionDataset<T = unknown> extends Dataset<T> {
  /** The folder the dataset reads from (null for one that reads nothing, as FakeData). */
  readonly root: string | null;
  readonly transform: Transform | null;
  readonly targetTransform: Transform | null;

  constructor(root: string | null, transform: unknown, targetTransform: unknown) {
    super();
    const owner = new.target.name;
    if (root !== null && typeof root !== 'string') throw new TypeError(`${owner}: root should be a path (a string), but got ${typeof root}`);
    this.root = root === null ? null : expandUser(root);
    this.transform = checkTransform(transform, 'transform', owner);
    this.targetTransform = checkTransform(targetTransform, 'targetTransform', owner);
  }

  /** Lines after the standard ones (a split, …). */
  protected extraRepr(): string {
    return '';
  }

  /** torchvision's `__repr__`: the class, the size, the root, extra lines and the transforms. */
  override toString(): string {
    const body = [`Number of datapoints: ${this.length}`];
    if (this.root !== null) body.push(`Root location: ${this.root}`);
    body.push(...this.extraRepr().split('\n').filter((l) => l !== ''));
    if (this.transform !== null || this.targetTransform !== null) body.push(standardTransformRepr(this.transform, this.targetTransform));
    return [`Dataset ${this.constructor.name}`, ...body.map((line) => `    ${line}`)].join('\n');
  }
}

/** torchvision's StandardTransform repr: continuation lines aligned under the first. */
function standardTransformRepr(transform: Transform | null, targetTransform: Transform | null): string {
  const body = ['StandardTransform'];
  const format = (t: Transform, head: string): string[] => {
    const lines = transformRepr(t).split('\n');
    return [`${head}${lines[0]}`, ...lines.slice(1).map((l) => `${' '.repeat(head.length)}${l}`)];
  };
  if (transform !== null) body.push(...format(transform, 'Transform: '));
  if (targetTransform !== null) body.push(...format(targetTransform, 'Target transform: '));
  return body.join('\n');
}
