/**
 * What AddToHueAndSaturation and MultiplyHueAndSaturation share: one parameter for both channels
 * (with perChannel drawing them apart) or one for hue and one for saturation, imgaug's defaults
 * when none is given, and their draws per image.
 */
import type { StochasticParameter } from '../../parameters/stochastic-parameter';
import type { RandomState } from '../../random/random-state';

export interface HueSaturationParams {
  both: StochasticParameter<number> | null;
  hue: StochasticParameter<number> | null;
  saturation: StochasticParameter<number> | null;
}

/**
 * The parameters from the arguments `both`, `hue` and `saturation` (named as the caller's options
 * are, for the error): both, or either of the others, or (none given) the defaults for hue and saturation.
 */
export function hueSaturationParams(
  who: string,
  given: { both: unknown; hue: unknown; saturation: unknown },
  names: readonly [string, string, string],
  defaults: readonly [unknown, unknown],
  handle: (arg: unknown, name: string) => StochasticParameter<number>,
): HueSaturationParams {
  const none = (v: unknown): boolean => v === undefined || v === null;
  if (!none(given.both) && !(none(given.hue) && none(given.saturation))) {
    throw new Error(`${who}: give ${names[0]}, or ${names[1]} and ${names[2]}, not both`);
  }
  const useDefaults = none(given.both) && none(given.hue) && none(given.saturation);
  const param = (arg: unknown, name: string): StochasticParameter<number> | null => (none(arg) ? null : handle(arg, name));
  return {
    both: param(given.both, names[0]),
    hue: param(useDefaults ? defaults[0] : given.hue, names[1]),
    saturation: param(useDefaults ? defaults[1] : given.saturation, names[2]),
  };
}

/**
 * One hue and one saturation value per image (null where that channel has no parameter): from
 * `both`, the hue's draw for both unless perChannel draws the saturation apart.
 */
export function drawHueSaturation(params: HueSaturationParams, perChannel: StochasticParameter<number>, n: number, randomState: RandomState): [(number | null)[], (number | null)[]] {
  const [rs0, rs1] = randomState.deriveMany(2) as [RandomState, RandomState];
  if (params.both !== null) {
    const apart = perChannel.drawValues(n, rs0);
    const samples = params.both.drawValues([n, 2], rs1);
    const hues = Array.from({ length: n }, (_, i) => samples[2 * i]!);
    return [hues, hues.map((h, i) => (apart[i]! > 0.5 ? samples[2 * i + 1]! : h))];
  }
  const draw = (p: StochasticParameter<number> | null, rs: RandomState): (number | null)[] => (p === null ? new Array<null>(n).fill(null) : p.drawValues(n, rs));
  return [draw(params.hue, rs0), draw(params.saturation, rs1)];
}
