/** imgaug's `iaa.WithChannels`: children applied to some of the images' channels only. */
import { cat, type Tensor, tensor } from '@x/tensor';
import type { Batch } from '../../augmentables/batch';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { Augmenter, AugmenterOptions } from '../base';
import { ChildrenWrapper } from './children-wrapper';

export interface WithChannelsOptions extends AugmenterOptions {
  /** The channels to augment: one index, several, or null for all. */
  channels?: number | readonly number[] | null;
  children?: Augmenter | readonly Augmenter[] | null;
}

/**
 * Runs its children on the chosen channels of each image and puts them back, the other channels
 * untouched. Annotations are augmented when at least half of an image's channels are (imgaug's rule).
 *
 * @example
 * new iaa.WithChannels(0, new iaa.Fliplr(1)); // mirrors the red channel only
 */
export class WithChannels extends ChildrenWrapper {
  readonly channels: readonly number[] | null;

  constructor(channels?: number | readonly number[] | WithChannelsOptions | null, children?: Augmenter | readonly Augmenter[] | WithChannelsOptions | null, options?: WithChannelsOptions) {
    const args = parseArguments('WithChannels', [channels, children, options], ['channels', 'children']);
    super(args, args.children);
    const ch = args.channels;
    if (ch === undefined || ch === null) this.channels = null;
    else if (typeof ch === 'number' && Number.isInteger(ch)) this.channels = [ch];
    else if (Array.isArray(ch) && ch.every((c) => Number.isInteger(c))) this.channels = [...ch];
    else throw new Error(`WithChannels: expected null, an integer or an array of integers as channels, got ${JSON.stringify(ch) ?? String(ch)}`);
  }

  protected augmentBatch_(batch: Batch, _randomState: RandomState, parents: readonly Augmenter[]): Batch {
    const channels = this.channels;
    if (channels !== null && channels.length === 0) return batch;
    const before = batch.deepcopy();
    const images = before.images;
    if (batch.images !== null && channels !== null) {
      batch.images = batch.images.map((img) => img.indexSelect(-1, tensor(channels, { dtype: 'int64' })));
    }
    const out = this.children.augmentBatch(batch, [...parents, this]);
    if (out.images !== null && images !== null) {
      out.images.forEach((aug, i) => {
        const img = images[i]!;
        if (aug.shape[0] !== img.shape[0] || aug.shape[1] !== img.shape[1]) {
          throw new Error(`WithChannels: heights/widths of images changed from [${img.shape.slice(0, 2).join(', ')}] to [${aug.shape.slice(0, 2).join(', ')}], but they must stay the same`);
        }
        if (aug.dtype !== img.dtype) throw new Error(`WithChannels: the dtype of images changed from ${img.dtype} to ${aug.dtype}, but it must stay the same`);
      });
      if (channels !== null) out.images = out.images.map((aug, i) => putChannels(images[i]!, aug, channels));
    }
    if (channels !== null) {
      for (const kind of out.kinds) {
        if (kind === 'images') continue;
        const old = before.column(kind)!;
        const col = out.column(kind)!;
        // imgaug's rule: an annotation follows the augmentation when at least half of its image's channels were augmented.
        col.forEach((_, i) => {
          const shape = old[i]!.shape;
          const nbChannels = shape.length > 2 ? shape[2]! : 1;
          if (channels.length / nbChannels < 0.5) (col as unknown[])[i] = old[i];
        });
      }
    }
    return out;
  }

  override getParameters(): unknown[] {
    return [this.channels];
  }

  override toString(): string {
    return `WithChannels(channels=${this.channels === null ? 'None' : `[${this.channels.join(', ')}]`}, name=${this.name}, children=${this.children}, deterministic=${this.deterministic ? 'True' : 'False'})`;
  }
}

/** `image` with its channels `channels` replaced by `augmented`'s (a later repeat of a channel wins, as numpy's assignment). */
function putChannels(image: Tensor, augmented: Tensor, channels: readonly number[]): Tensor {
  const c = image.shape[2]!;
  const source = Array.from({ length: c }, (_, k) => {
    const j = channels.lastIndexOf(k) >= 0 ? channels.lastIndexOf(k) : channels.lastIndexOf(k - c);
    return j >= 0 ? augmented.narrow(-1, j, 1) : image.narrow(-1, k, 1);
  });
  return cat(source, -1);
}
