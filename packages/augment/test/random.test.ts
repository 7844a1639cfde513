import { registerWasmBackend } from '@x/backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { augmenters as iaa, getGlobalRandomState, Keypoint, KeypointsOnImage, RandomState, seed } from '../src/index';

registerWasmBackend();

const WORKER_INFO = Symbol.for('@x/data.workerInfo');
const slot = globalThis as { [WORKER_INFO]?: unknown };

afterEach(() => {
  delete slot[WORKER_INFO];
});

const draws = (rs: RandomState): number[] => Array.from(rs.uniform(0, 1, 6).numpy() as Float32Array);

describe('RandomState', () => {
  it('a seed gives the same stream; another seed another', () => {
    expect(draws(new RandomState(5))).toEqual(draws(new RandomState(5)));
    expect(draws(new RandomState(5))).not.toEqual(draws(new RandomState(6)));
  });

  it('copy replays what the original draws next; state restores a position', () => {
    const rs = new RandomState(1);
    draws(rs);
    const c = rs.copy();
    const saved = rs.state;
    const next = draws(rs);
    expect(draws(c)).toEqual(next);
    rs.state = saved;
    expect(draws(rs)).toEqual(next);
  });

  it('derive makes children deterministically from the parent, and moves the parent on', () => {
    const [a, b] = [new RandomState(9), new RandomState(9)];
    expect(draws(a.derive())).toEqual(draws(b.derive()));
    const kids = new RandomState(9).deriveMany(3).map(draws);
    expect(new Set(kids.map(String)).size).toBe(3);
    const p = new RandomState(9);
    const first = p.derive();
    expect(draws(p.derive())).not.toEqual(draws(first));
  });

  it('advance moves the stream on', () => {
    const [a, b] = [new RandomState(2), new RandomState(2)];
    a.advance();
    expect(draws(a)).not.toEqual(draws(b));
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => new RandomState(1.5)).toThrow(/Expected an integer seed, got 1.5/);
  });

  it('integers, binomial, normal, permutation keep their ranges and dtypes', () => {
    const rs = new RandomState(4);
    const ints = Array.from(rs.integers(-2, 3, 500).numpy() as Int32Array);
    expect(Math.min(...ints)).toBe(-2);
    expect(Math.max(...ints)).toBe(2);
    expect(new Set(rs.binomial(0.5, 100).numpy() as Int32Array)).toEqual(new Set([0, 1]));
    expect((rs.permutation(6).numpy() as Int32Array).slice().sort()).toEqual(Int32Array.from([0, 1, 2, 3, 4, 5]));
  });
});

describe('seeding as imgaug: seed(n) and per-augmenter seeds', () => {
  const flips = (aug: iaa.Augmenter): number[] => {
    const kps = Array.from({ length: 40 }, () => iaaPoint());
    return aug.augmentKeypoints(kps).map((k) => (k.keypoints[0]!.x === 1 ? 0 : 1));
  };

  it('seed(n) makes augmenters without a seed repeat, also those made before seed(n)', () => {
    const aug = new iaa.Fliplr(0.5);
    seed(3);
    const a = flips(aug);
    seed(3);
    expect(flips(new iaa.Fliplr(0.5))).toEqual(a);
    seed(4);
    expect(flips(aug)).not.toEqual(a);
  });

  it('an augmenter with a seed has its own stream, independent of the global one', () => {
    const a = flips(new iaa.Fliplr(0.5, { seed: 10 }));
    seed(1);
    getGlobalRandomState().uniform(0, 1, 10);
    expect(flips(new iaa.Fliplr({ p: 0.5, seed: 10 }))).toEqual(a);
    expect(flips(new iaa.Fliplr(0.5, { seed: 11 }))).not.toEqual(a);
  });

  it('localizeRandomState gives an augmenter using the global state its own', () => {
    const aug = new iaa.Sequential([new iaa.Fliplr(0.5)]);
    const local = aug.localizeRandomState();
    expect(local.randomState).not.toBe(getGlobalRandomState());
    expect((local.children[0] as iaa.Fliplr).randomState).not.toBe(getGlobalRandomState());
    expect(aug.randomState).toBe(getGlobalRandomState());
  });

  it('seed_ reseeds an augmenter and its children in place', () => {
    const seq = new iaa.Sequential([new iaa.Fliplr(0.5), new iaa.Fliplr(0.5)]);
    seq.seed_(5);
    const a = flips(seq);
    seq.seed_(5);
    expect(flips(seq)).toEqual(a);
  });
});

describe('DataLoader workers (the worker info @x/data keeps on the thread)', () => {
  it('a state drawn in a worker mixes in the worker seed: workers differ, the same worker seed repeats', () => {
    const inWorker = (workerSeed: bigint): number[] => {
      slot[WORKER_INFO] = { id: 0, numWorkers: 2, seed: workerSeed, dataset: null };
      return draws(new RandomState(7));
    };
    const main = draws(new RandomState(7));
    const w0 = inWorker(100n);
    const w1 = inWorker(101n);
    expect(w0).not.toEqual(w1);
    expect(w0).not.toEqual(main);
    expect(inWorker(100n)).toEqual(w0);
  });
});


/** A keypoint at x = 1 on a 4-wide image: x = 3 after a horizontal flip. */
function iaaPoint(): KeypointsOnImage {
  return new KeypointsOnImage([new Keypoint(1, 1)], { shape: [4, 4, 3] });
}
