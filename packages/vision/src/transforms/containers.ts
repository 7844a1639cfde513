/**
 * Transforms made of transforms: Compose (a plain class, as torchvision's), and the modules Lambda,
 * RandomApply, RandomChoice and RandomOrder. torchvision's RandomChoice and RandomOrder draw from
 * Python's `random` module; here they draw from @x's global generator (`manualSeed`), with
 * `torch.rand(1)` for the choice and `torch.randperm` for the order.
 */
import { Module } from '@x/nn';
import { rand, randperm } from '@x/tensor';
import { pyFloat, pyValue } from './python-repr';

/** Anything a pipeline can run: a transform module (or any object with forward) or a function. */
export type Transform = { forward(img: never): unknown } | ((img: never) => unknown);

function run(t: Transform, img: unknown): unknown {
  return typeof t === 'function' ? (t as (x: unknown) => unknown)(img) : (t as { forward(x: unknown): unknown }).forward(img);
}

function describe(t: Transform): string {
  return typeof t === 'function' ? `<function ${t.name || '<lambda>'}>` : String(t);
}

function listing(name: string, head: string[], transforms: readonly Transform[]): string {
  return `${name}(${[...head, ...transforms.map(describe)].map((l) => `\n    ${l}`).join('')}\n)`;
}

function checkTransforms(transforms: unknown, who: string): readonly Transform[] {
  if (!Array.isArray(transforms)) throw new TypeError(`${who}: Argument transforms should be a sequence (an array of transforms)`);
  transforms.forEach((t, i) => {
    if (typeof t !== 'function' && (typeof t !== 'object' || t === null || typeof (t as { forward?: unknown }).forward !== 'function')) {
      throw new TypeError(`${who}: transforms[${i}] should be a transform (an object with forward, or a function), but got ${pyValue(t)}`);
    }
  });
  return transforms as readonly Transform[];
}

/**
 * Runs transforms one after another.
 *
 * @example
 * const t = new transforms.Compose([new transforms.Resize(256), new transforms.CenterCrop(224), new transforms.ToTensor()]);
 * t.forward(raw);
 */
export class Compose {
  readonly transforms: readonly Transform[];

  constructor(transforms: readonly Transform[]) {
    this.transforms = checkTransforms(transforms, 'Compose');
  }

  forward<T = unknown>(img: unknown): T {
    let x = img;
    for (const t of this.transforms) x = run(t, x);
    return x as T;
  }

  toString(): string {
    return listing('Compose', [], this.transforms);
  }
}

/**
 * A function as a transform.
 *
 * @example
 * new transforms.Lambda((img) => img.mul(2));
 */
export class Lambda<I = never, O = unknown> extends Module {
  constructor(readonly lambd: (img: I) => O) {
    super();
    if (typeof lambd !== 'function') throw new TypeError(`Argument lambd should be callable, got '${typeof lambd}'`);
  }

  forward(img: I): O {
    return this.lambd(img);
  }

  override toString(): string {
    return 'Lambda()';
  }
}

/**
 * Runs all `transforms` with probability p (one torch.rand(1) draw), else returns the image.
 *
 * @example
 * new transforms.RandomApply([new transforms.RandomRotation(10)], 0.3);
 */
export class RandomApply extends Module {
  readonly transforms: readonly Transform[];
  readonly p: number;

  constructor(transforms: readonly Transform[], p: number | { p?: number } = 0.5) {
    super();
    this.transforms = checkTransforms(transforms, 'RandomApply');
    this.p = typeof p === 'number' ? p : (p.p ?? 0.5);
  }

  forward<T = unknown>(img: unknown): T {
    if (this.p < rand(1).item()) return img as T;
    let x = img;
    for (const t of this.transforms) x = run(t, x);
    return x as T;
  }

  override toString(): string {
    return listing('RandomApply', [`p=${pyFloat(this.p)}`], this.transforms);
  }
}

/**
 * Runs the transforms in a random order (torch.randperm).
 *
 * @example
 * new transforms.RandomOrder([new transforms.RandomHorizontalFlip(), new transforms.RandomVerticalFlip()]);
 */
export class RandomOrder extends Module {
  readonly transforms: readonly Transform[];

  constructor(transforms: readonly Transform[]) {
    super();
    this.transforms = checkTransforms(transforms, 'RandomOrder');
  }

  forward<T = unknown>(img: unknown): T {
    const order = randperm(this.transforms.length).tolist() as number[];
    let x = img;
    for (const i of order) x = run(this.transforms[i]!, x);
    return x as T;
  }

  override toString(): string {
    return listing('RandomOrder', [], this.transforms);
  }
}

/**
 * Runs one of the transforms, picked at random (weighted by `p` when given, as Python's random.choices).
 *
 * @example
 * new transforms.RandomChoice([new transforms.Resize(32), new transforms.CenterCrop(32)], [0.7, 0.3]);
 */
export class RandomChoice extends Module {
  readonly transforms: readonly Transform[];
  readonly p: readonly number[] | null;

  constructor(transforms: readonly Transform[], p: readonly number[] | null | { p?: readonly number[] | null } = null) {
    super();
    this.transforms = checkTransforms(transforms, 'RandomChoice');
    this.p = p === null || Array.isArray(p) ? (p as readonly number[] | null) : ((p as { p?: readonly number[] | null }).p ?? null);
    if (this.p !== null && !Array.isArray(this.p)) throw new TypeError('Argument p should be a sequence');
    if (this.p !== null && this.p.length !== this.transforms.length) throw new Error(`The number of weights does not match the population: ${this.p.length} weights for ${this.transforms.length} transforms`);
  }

  forward<T = unknown>(img: unknown): T {
    const n = this.transforms.length;
    const u = rand(1, { dtype: 'float64' }).item();
    let k: number;
    if (this.p === null) k = Math.floor(u * n);
    else {
      const cumulative: number[] = [];
      this.p.reduce((s, w, i) => (cumulative[i] = s + w), 0);
      const target = u * cumulative[n - 1]!;
      k = cumulative.findIndex((c) => target < c);
      if (k < 0) k = n - 1;
    }
    return run(this.transforms[Math.min(k, n - 1)]!, img) as T;
  }

  override toString(): string {
    return `${listing('RandomChoice', [], this.transforms)}(p=${this.p === null ? 'None' : `[${this.p.map(pyValue).join(', ')}]`})`;
  }
}

