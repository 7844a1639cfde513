/**
 * The helpers the seed's save/load chapter needs: a data-parallel checkpoint (keys prefixed
 * `module.`, written by PyTorch's nn.DataParallel) loaded into a plain model, and mapLocation moving
 * storages between devices — a device, a table or a function, as torch.load's map_location.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '@x/autograd';
import * as nn from '@x/nn';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import { SerializationError, UnpicklingError, isOrderedDict, load, loadFromBuffer, registerModuleCodec, registerParameterClass, saveToBuffer } from '../src/index';
import { memorySource } from '../src/byte-source';
import { ZipReader } from '../src/zip-reader';
import { ZipWriter } from '../src/zip-writer';
import { expectedModels, fixture, registerDeviceBackend, tensorFromDescription } from './helpers';

registerParameterClass(nn.Parameter);
registerModuleCodec(nn.moduleCodec);
registerDeviceBackend('other');

/** tools/gen_serialize_fixtures.py's SmallCNN. */
class SmallCNN extends nn.Module {
  conv1 = new nn.Conv2d(1, 4, 3, { padding: 1 });
  bn1 = new nn.BatchNorm2d(4);
  conv2 = new nn.Conv2d(4, 8, 3, { stride: 2 });
  fc = new nn.Linear(8 * 3 * 3, 10);
  forward(x: Tensor): Tensor {
    const h = (this.bn1.forward(this.conv1.forward(x)) as Tensor).relu();
    return this.fc.forward(this.conv2.forward(h).relu().flatten(1));
  }
}

function expectLogits(model: SmallCNN): void {
  const { input, logits } = expectedModels().small_cnn!;
  const got = model.eval().forward(tensorFromDescription(input).to({ device: model.fc.weight.device })).to({ device: 'cpu' }).numpy();
  const want = tensorFromDescription(logits).numpy();
  for (let i = 0; i < want.length; i++) expect(Math.abs(Number(got[i]) - Number(want[i]))).toBeLessThanOrEqual(1e-5);
}

/** A checkpoint whose storages say they were saved on `location` (PyTorch writes 'cuda:0' on a GPU). */
async function savedOn(location: string, obj: unknown): Promise<Uint8Array> {
  const bytes = await saveToBuffer(obj);
  const zip = await ZipReader.open(memorySource(bytes));
  const chunks: Uint8Array[] = [];
  const out = new ZipWriter((c) => void chunks.push(c.slice()));
  for (const name of zip.entries.keys()) {
    let data = await zip.read(name);
    if (name.endsWith('data.pkl')) {
      // BINUNICODE 'cpu' (length 3) → BINUNICODE location: the storages' persistent ids name it.
      const text = Buffer.from(data).toString('latin1');
      const len = Buffer.alloc(4);
      len.writeUInt32LE(location.length);
      expect(text.includes('X\x03\x00\x00\x00cpu')).toBe(true);
      data = Buffer.from(text.split('X\x03\x00\x00\x00cpu').join(`X${len.toString('latin1')}${location}`), 'latin1');
    }
    await out.add(name, data);
  }
  await out.finish();
  return Buffer.concat(chunks);
}

describe('data-parallel checkpoints', () => {
  it("PyTorch's nn.DataParallel state_dict: strict loading names the prefixed keys; stripped, it loads and gives PyTorch's logits", async () => {
    const sd = (await load(fixture('dp_small_cnn.pth'))) as Record<string, Tensor>;
    expect(Object.keys(sd)[0]).toBe('module.conv1.weight');
    expect(isOrderedDict(sd)).toBe(true);
    const model = new SmallCNN();
    expect(() => model.loadStateDict(sd)).toThrow(/Missing key\(s\) in state_dict: "conv1\.weight".*Unexpected key\(s\) in state_dict: "module\.conv1\.weight"/s);
    const stripped = nn.stripDataParallelPrefix(sd);
    expect(Object.keys(stripped)).toEqual(Object.keys(model.stateDict()));
    expect(model.loadStateDict(stripped)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expectLogits(model);
    // Keys without the prefix are kept as they are (a plain checkpoint passes through unchanged).
    expect(Object.keys(nn.stripDataParallelPrefix(model.stateDict()))).toEqual(Object.keys(model.stateDict()));
  });

  it('a whole nn.DataParallel model is refused, saying what to save instead', async () => {
    const err = (await load(fixture('whole_data_parallel.pth')).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(UnpicklingError);
    expect(err.message).toMatch(/torch\.nn\.parallel\.data_parallel\.DataParallel was refused.*model\.module\.state_dict\(\).*stripDataParallelPrefix/s);
  });
});

describe('mapLocation', () => {
  it("storages saved on 'cuda:0' need a mapLocation here, as on a CPU-only PyTorch; a device, a table or a function moves them", async () => {
    torch.manualSeed(0);
    const model = new SmallCNN();
    const bytes = await savedOn('cuda:0', model.stateDict());
    await expect(loadFromBuffer(bytes)).rejects.toThrow(SerializationError);
    await expect(loadFromBuffer(bytes)).rejects.toThrow(/storage on device 'cuda:0'.*mapLocation: 'cpu'/s);
    for (const mapLocation of ['cpu', { 'cuda:0': 'cpu' }, (loc: string) => (loc.startsWith('cuda') ? 'cpu' : undefined)] as const) {
      const sd = (await loadFromBuffer(bytes, { mapLocation })) as Record<string, Tensor>;
      expect(Object.values(sd).every((t) => t.device === 'cpu')).toBe(true);
      expect(sd['fc.weight']!.tolist()).toEqual(model.fc.weight.tolist());
    }
    // A table without the saved location leaves it as saved (and so refused here).
    await expect(loadFromBuffer(bytes, { mapLocation: { 'cuda:1': 'cpu' } })).rejects.toThrow(/'cuda:0'/);
  });

  it("moves between devices here: PyTorch's CPU checkpoint onto another device, and back", async () => {
    const sd = (await load(fixture('small_cnn.pth'), { mapLocation: 'other' })) as Record<string, Tensor>;
    expect(Object.values(sd).every((t) => t.device === 'other')).toBe(true);
    const model = new SmallCNN().to('other');
    model.loadStateDict(sd);
    expectLogits(model);
    const back = (await loadFromBuffer(await saveToBuffer(sd), { mapLocation: 'cpu' })) as Record<string, Tensor>;
    expect(back['bn1.running_var']!.device).toBe('cpu');
    expect(back['bn1.running_var']!.tolist()).toEqual(sd['bn1.running_var']!.tolist());
  });

  it('a whole model goes where mapLocation says, parameters and buffers alike', async () => {
    const refused = await loadFromBuffer(readFileSync(fixture('whole_small_cnn.pth')), { mapLocation: 'other' }).catch((e: unknown) => e);
    // __main__.SmallCNN is not registered in this file's program: refused, whatever the location.
    expect(refused).toBeInstanceOf(UnpicklingError);
    const seq = (await load(fixture('whole_sequential.pth'), { mapLocation: 'other' })) as nn.Sequential;
    expect([...seq.parameters()].every((p) => p.device === 'other' && p instanceof nn.Parameter)).toBe(true);
    const bn = (await loadFromBuffer(await saveToBuffer(new nn.BatchNorm1d(3)), { mapLocation: 'other' })) as nn.BatchNorm1d;
    expect([...bn.buffers()].map((b) => b.device)).toEqual(['other', 'other', 'other']);
  });
});
