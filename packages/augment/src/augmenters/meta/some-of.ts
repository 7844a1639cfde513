/** imgaug's `iaa.SomeOf` and `iaa.OneOf`: per image, a random subset of the children is applied. */
import type { Batch } from '../../augmentables/batch';
import { DiscreteUniform } from '../../parameters/discrete';
import { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { childrenArray } from './child-array';
import { ChildListAugmenter } from './child-list';

/**
 * How many children: a number; `[a, b]` (uniform, both included); `[a, null]` (a up to all
 * children); a parameter; or null for all of them.
 */
export type SomeOfCount = number | readonly [number, number] | readonly [number, null] | StochasticParameter<number> | null;

export interface SomeOfOptions extends AugmenterOptions {
  n?: SomeOfCount;
  children?: Augmenter | readonly Augmenter[] | null;
  /** Whether the chosen children run in a random order per batch (default false: their listed order). */
  randomOrder?: boolean;
}

type Count = { mode: 'fixed'; n: number } | { mode: 'all' } | { mode: 'atLeast'; n: number } | { mode: 'stochastic'; param: StochasticParameter<number> };

function parseCount(n: unknown): Count {
  if (typeof n === 'number' && !Number.isNaN(n)) return { mode: 'fixed', n: Math.trunc(n) };
  if (n === null || n === undefined) return { mode: 'all' };
  if (Array.isArray(n) && n.length === 2 && typeof n[0] === 'number') {
    if (n[1] === null) return { mode: 'atLeast', n: Math.trunc(n[0]) };
    if (typeof n[1] === 'number') return { mode: 'stochastic', param: new DiscreteUniform(Math.trunc(n[0]), Math.trunc(n[1])) };
  }
  if (n instanceof StochasticParameter) return { mode: 'stochastic', param: n as StochasticParameter<number> };
  throw new Error(`SomeOf: expected n to be a number, [a, b], [a, null], a StochasticParameter or null, got ${JSON.stringify(n) ?? String(n)}`);
}

/**
 * Applies n of its children to each image, a different random subset per image.
 *
 * @example
 * new iaa.SomeOf([1, 2], [new iaa.Fliplr(1), new iaa.Flipud(1), new iaa.Rot90(1)]);
 */
export class SomeOf extends ChildListAugmenter {
  readonly n: SomeOfCount;
  readonly randomOrder: boolean;
  private readonly count: Count;

  constructor(n?: SomeOfCount | SomeOfOptions, children?: Augmenter | readonly Augmenter[] | SomeOfOptions | null, options?: SomeOfOptions) {
    const args = parseArguments('SomeOf', [n, children, options], ['n', 'children', 'randomOrder']);
    super(args);
    this.children = childrenArray(args.children, 'SomeOf');
    this.n = (args.n ?? null) as SomeOfCount;
    this.count = parseCount(args.n);
    const { randomOrder = false } = args;
    if (typeof randomOrder !== 'boolean') throw new Error(`SomeOf: expected randomOrder to be a boolean, got ${String(randomOrder)}`);
    this.randomOrder = randomOrder;
  }

  private counts(nbRows: number, rs: RandomState): number[] {
    const c = this.count;
    if (c.mode === 'fixed') return new Array(nbRows).fill(c.n);
    if (c.mode === 'all') return new Array(nbRows).fill(this.children.length);
    const param = c.mode === 'atLeast' ? new DiscreteUniform(c.n, this.children.length) : c.param;
    return param.drawValues(nbRows, rs);
  }

  /** Which children each row gets: n of them, chosen by shuffling n `true`s among the children. */
  private activeRows(nbRows: number, rs: RandomState): boolean[][] {
    const k = this.children.length;
    return this.counts(nbRows, rs).map((n) => {
      const row = Array.from({ length: k }, (_, j) => j < Math.min(n, k));
      if (k === 0) return row;
      const perm = rs.permutation(k).numpy() as Int32Array;
      return Array.from(perm, (j) => row[j]!);
    });
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState, parents: readonly Augmenter[]): Batch {
    const k = this.children.length;
    const order = this.randomOrder ? Array.from(randomState.permutation(k).numpy() as Int32Array) : this.children.map((_, i) => i);
    const active = this.activeRows(batch.nbRows, randomState);
    for (const j of order) {
      const rows = active.flatMap((row, i) => (row[j] ? [i] : []));
      if (rows.length === 0) continue;
      const sub = this.children[j]!.augmentBatch(batch.subselectRows(rows), [...parents, this]);
      batch.invertSubselectRows_(rows, sub);
    }
    return batch;
  }

  override toString(): string {
    const n = this.n instanceof StochasticParameter ? this.n.toString() : JSON.stringify(this.n);
    return `${this.constructor.name}(name=${this.name}, n=${n}, random_order=${this.randomOrder ? 'True' : 'False'}, augmenters=[${this.children.join(', ')}], deterministic=${this.deterministic ? 'True' : 'False'})`;
  }
}

export interface OneOfOptions extends AugmenterOptions {
  children?: Augmenter | readonly Augmenter[];
}

/**
 * Applies exactly one of its children to each image.
 *
 * @example
 * new iaa.OneOf([new iaa.Fliplr(1), new iaa.Flipud(1)]);
 */
export class OneOf extends SomeOf {
  constructor(children?: Augmenter | readonly Augmenter[] | OneOfOptions, options?: OneOfOptions) {
    const args = parseArguments('OneOf', [children, options], ['children']);
    super(1, (args.children ?? null) as Augmenter[] | null, { seed: args.seed as number | undefined, name: args.name as string | undefined, deterministic: args.deterministic as boolean | undefined });
  }
}

