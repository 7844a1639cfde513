/** imgaug's `iaa.Sometimes`: per image, with probability p the `then` children, else the `else` children. */
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import { handleProbabilityParam, type ProbabilityArg } from '../../parameters/handle';
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { handleChildrenList } from './children';

type Children = Augmenter | readonly Augmenter[] | null;

export interface SometimesOptions extends AugmenterOptions {
  /** The probability of the `then` branch per image (default 0.5). */
  p?: ProbabilityArg;
  /** What runs with probability p (imgaug's `then_list`). */
  thenList?: Children;
  /** What runs otherwise (imgaug's `else_list`). */
  elseList?: Children;
}

/**
 * Applies `thenList` to each image with probability p, and `elseList` (if any) to the others.
 *
 * @example
 * new iaa.Sometimes(0.5, new iaa.Fliplr(1), new iaa.Flipud(1));
 */
export class Sometimes extends Augmenter {
  readonly p: StochasticParameter<number>;
  thenList: Augmenter | null;
  elseList: Augmenter | null;

  constructor(p?: ProbabilityArg | SometimesOptions, thenList?: Children | SometimesOptions, elseList?: Children | SometimesOptions, options?: SometimesOptions) {
    const args = parseArguments('Sometimes', [p, thenList, elseList, options], ['p', 'thenList', 'elseList']);
    super(args);
    this.p = handleProbabilityParam(args.p ?? 0.5, 'p');
    this.thenList = handleChildrenList(args.thenList, this.name, 'then', null);
    this.elseList = handleChildrenList(args.elseList, this.name, 'else', null);
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState, parents: readonly Augmenter[]): Batch {
    const samples = this.p.drawValues(batch.nbRows, randomState);
    const branches: [number[], Augmenter | null][] = [
      [samples.flatMap((s, i) => (s === 1 ? [i] : [])), this.thenList],
      [samples.flatMap((s, i) => (s === 0 ? [i] : [])), this.elseList],
    ];
    for (const [rows, branch] of branches) {
      if (branch === null || rows.length === 0) continue;
      batch.invertSubselectRows_(rows, branch.augmentBatch(batch.subselectRows(rows), [...parents, this]));
    }
    return batch;
  }

  override getChildrenLists(): Augmenter[][] {
    return [this.thenList, this.elseList].filter((c): c is Augmenter => c !== null).map((c) => [c]);
  }

  protected override toDeterministicOne(): this {
    const aug = super.toDeterministicOne();
    aug.thenList = this.thenList?.toDeterministic() ?? null;
    aug.elseList = this.elseList?.toDeterministic() ?? null;
    return aug;
  }

  override deepcopy(): this {
    const aug = super.deepcopy();
    aug.thenList = this.thenList?.deepcopy() ?? null;
    aug.elseList = this.elseList?.deepcopy() ?? null;
    return aug;
  }

  override toString(): string {
    const f = (c: Augmenter | null): string => (c === null ? 'None' : c.toString());
    return `Sometimes(p=${this.p}, name=${this.name}, then_list=${f(this.thenList)}, else_list=${f(this.elseList)}, deterministic=${this.deterministic ? 'True' : 'False'})`;
  }
}
