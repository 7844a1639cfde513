/**
 * Fuzzing every reader: thousands of mutated and truncated checkpoints (zip, the pickle inside them,
 * the legacy format) and safetensors files. Each must load or fail with a SerializationError — no
 * other exception, no hang, and no allocation beyond what the file's own size justifies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor } from '@x/tensor';
import { SerializationError, loadFromBuffer, safetensors, saveToBuffer } from '../src/index';
import { memorySource } from '../src/byte-source';
import { ZipReader } from '../src/zip-reader';
import { ZipWriter } from '../src/zip-writer';
import { fixture, registerDeviceBackend } from './helpers';
import { dtypeTensors, nestedData, stateDict, viewTensors } from './samples';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];

/** One random mutation: bit flips, byte/word overwrites with boundary values, truncation, insertion, deletion. */
function mutate(src: Uint8Array, r: () => number, hot: [number, number][] = [[0, src.length]]): Uint8Array {
  const pick = (): number => {
    const [lo, hi] = hot[Math.floor(r() * hot.length)]!;
    return Math.min(src.length - 1, lo + Math.floor(r() * Math.max(1, hi - lo)));
  };
  let b = src.slice();
  const rounds = 1 + Math.floor(r() * 4);
  for (let k = 0; k < rounds && b.length > 0; k++) {
    const at = Math.min(pick(), b.length - 1);
    switch (Math.floor(r() * 7)) {
      case 0:
        b[at] ^= 1 << Math.floor(r() * 8);
        break;
      case 1:
        b[at] = Math.floor(r() * 256);
        break;
      case 2: {
        const v = INTERESTING[Math.floor(r() * INTERESTING.length)]!;
        const dv = new DataView(b.buffer);
        if (at + 4 <= b.length) dv.setUint32(at, v, true);
        else b[at] = v & 0xff;
        break;
      }
      case 3:
        if (at + 8 <= b.length) new DataView(b.buffer).setBigUint64(at, BigInt(Math.floor(r() * 2 ** 53)) * (r() < 0.5 ? 1n : 2n ** 10n), true);
        break;
      case 4:
        b = b.slice(0, Math.floor(r() * b.length));
        break;
      case 5: {
        const n = 1 + Math.floor(r() * 16);
        const ins = new Uint8Array(n).map(() => Math.floor(r() * 256));
        b = new Uint8Array([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
        break;
      }
      default: {
        const n = 1 + Math.floor(r() * 16);
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + n)]);
      }
    }
  }
  return b;
}

let allocated = 0;
let largest = 0;
registerDeviceBackend('fuzz', (n) => {
  allocated += n;
  largest = Math.max(largest, n);
});

function disposeAll(root: unknown): void {
  const seen = new Set<unknown>();
  const stack = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    if (x instanceof Tensor) {
      if (!x.isDisposed) x.dispose();
    } else if (Array.isArray(x)) stack.push(...x);
    else if (x instanceof Map) for (const [k, v] of x) stack.push(k, v);
    else if (x instanceof Set) stack.push(...x);
    else stack.push(...Object.values(x));
  }
}

interface Outcome {
  loaded: number;
  refused: number;
  failures: string[];
  /** How often each kind of refusal came (numbers stripped), to see which checks the mutations reach. */
  messages: Map<string, number>;
}

/** Runs `read` on `cases` mutations of each seed; anything but success or a SerializationError is a failure. */
async function fuzz(name: string, seeds: Uint8Array[], cases: number, read: (b: Uint8Array) => Promise<unknown>, hot?: (s: Uint8Array) => [number, number][]): Promise<Outcome> {
  const out: Outcome = { loaded: 0, refused: 0, failures: [], messages: new Map() };
  for (let i = 0; i < cases; i++) {
    const seed = seeds[i % seeds.length]!;
    const r = rng(i * 7919 + 17);
    const input = mutate(seed, r, hot?.(seed));
    allocated = 0;
    largest = 0;
    const t0 = performance.now();
    try {
      disposeAll(await read(input));
      out.loaded++;
    } catch (e) {
      if (e instanceof SerializationError) {
        out.refused++;
        const kind = e.message.replace(/\d+/g, 'N').replace(/'[^']*'/g, "'…'").slice(0, 90);
        out.messages.set(kind, (out.messages.get(kind) ?? 0) + 1);
      }
      else out.failures.push(`${name} case ${i}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split('\n').slice(1, 4).join('\n')}`);
    }
    const ms = performance.now() - t0;
    if (ms > 2000) out.failures.push(`${name} case ${i}: took ${ms.toFixed(0)} ms`);
    // Storage memory comes only from the file's own bytes (plus one element per empty storage).
    if (allocated > input.length + 4096) out.failures.push(`${name} case ${i}: allocated ${allocated} bytes for a ${input.length}-byte file (largest ${largest})`);
  }
  return out;
}

function report(o: Outcome, cases: number): void {
  if (process.env.FUZZ_STATS) console.log(JSON.stringify({ loaded: o.loaded, refused: o.refused, top: [...o.messages].sort((a, b) => b[1] - a[1]).slice(0, 25) }, null, 1));
  expect(o.failures.slice(0, 5)).toEqual([]);
  expect(o.loaded + o.refused).toBe(cases);
  // The mutations must mostly be caught, and some must get through to deep code paths.
  expect(o.refused).toBeGreaterThan(cases / 4);
}

/** A checkpoint rebuilt with a new data.pkl (CRCs recomputed, so the mutation reaches the unpickler). */
async function withPickle(entries: [string, Uint8Array][], pickle: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((c) => void chunks.push(c.slice()));
  for (const [name, data] of entries) await zip.add(name, name.endsWith('data.pkl') ? pickle : data);
  await zip.finish();
  return new Uint8Array(Buffer.concat(chunks));
}

async function entriesOf(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const zip = await ZipReader.open(memorySource(bytes));
  const out: [string, Uint8Array][] = [];
  for (const name of zip.entries.keys()) out.push([name, (await zip.read(name)).slice()]);
  return out;
}

const CASES = 2500;
const load = (b: Uint8Array): Promise<unknown> => loadFromBuffer(b, { mapLocation: 'fuzz' });

describe('fuzz', () => {
  const small = ['small_cnn.pth', 'dtypes.pth', 'views.pth', 'nested.pth', 'optimizer.pth', 'parameters.pth', 'deflated.pth'].map((n) => new Uint8Array(readFileSync(fixture(n))));

  it(`zip: ${CASES} mutated checkpoints (headers, central directory, truncation)`, async () => {
    const ours = [await saveToBuffer(viewTensors()), await saveToBuffer(stateDict(), { zip64Threshold: 0 })];
    // Mutate where the structure is: local headers and the pickle at the start, the directory at the end.
    const hot = (s: Uint8Array): [number, number][] => [[0, 256], [Math.max(0, s.length - 400), s.length], [0, s.length]];
    report(await fuzz('zip', [...small, ...ours], CASES, load, hot), CASES);
  }, 120000);

  it(`pickle: ${CASES} mutated data.pkl inside valid archives`, async () => {
    const archives = await Promise.all([...small.slice(0, 6), await saveToBuffer(nestedData()), await saveToBuffer(dtypeTensors())].map(entriesOf));
    const pickles = archives.map((entries) => entries.find(([n]) => n.endsWith('data.pkl'))![1]);
    let which = 0;
    const read = async (pkl: Uint8Array): Promise<unknown> => load(await withPickle(archives[which++ % archives.length]!, pkl));
    // fuzz() cycles seeds in the same order as `which` cycles archives.
    report(await fuzz('pickle', pickles, CASES, read), CASES);
  }, 120000);

  it(`legacy: ${CASES / 2} mutated pre-1.6 checkpoints`, async () => {
    const legacy = new Uint8Array(readFileSync(fixture('legacy.pth')));
    report(await fuzz('legacy', [legacy], CASES / 2, load), CASES / 2);
  }, 120000);

  it(`safetensors: ${CASES} mutated files (header length, JSON, offsets)`, async () => {
    const seeds = [new Uint8Array(readFileSync(fixture('reference.safetensors'))), await safetensors.save({ ...dtypeTensors(), ...viewTensors() }, { a: 'b' })];
    const hot = (s: Uint8Array): [number, number][] => [[0, 8], [8, Math.min(s.length, 8 + Number(new DataView(s.buffer, s.byteOffset).getBigUint64(0, true)))]];
    report(await fuzz('safetensors', seeds, CASES, (b) => safetensors.load(b, { device: 'fuzz' }), hot), CASES);
    // JSON-aware mutations: numbers in the header replaced by boundary values.
    const json = new TextDecoder().decode(seeds[1]!.subarray(8, 8 + Number(new DataView(seeds[1]!.buffer).getBigUint64(0, true))));
    const data = seeds[1]!.subarray(8 + new TextEncoder().encode(json).length);
    const numbers = [...json.matchAll(/\d+/g)];
    const values = ['0', '1', '-1', '4294967296', '9007199254740993', '1e309', '18446744073709551616', '99999999999', '1.5'];
    let failures: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const r = rng(i);
      const m = numbers[Math.floor(r() * numbers.length)]!;
      const mutated = json.slice(0, m.index) + values[Math.floor(r() * values.length)]! + json.slice(m.index! + m[0].length);
      const body = new TextEncoder().encode(mutated);
      const file = new Uint8Array(8 + body.length + data.length);
      new DataView(file.buffer).setBigUint64(0, BigInt(body.length), true);
      file.set(body, 8);
      file.set(data, 8 + body.length);
      const o = await fuzz('safetensors-json', [file], 1, (b) => safetensors.load(b, { device: 'fuzz' }));
      failures = failures.concat(o.failures);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  }, 120000);
});
