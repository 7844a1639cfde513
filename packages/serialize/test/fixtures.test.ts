/** Checkpoints written by real PyTorch 1.13 (tools/gen_serialize_fixtures.py) load here with equal values. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor } from '@x/tensor';
import { UnpicklingError, load, loadFromBuffer, registerParameterClass, safetensors } from '../src/index';
import { matchPy } from './py-match';
import { TestParameter, expectedFixtures, fixture, registerDeviceBackend } from './helpers';

registerParameterClass(TestParameter);
const expected = expectedFixtures();
const checkpoints = Object.keys(expected).filter((f) => f.endsWith('.pth'));

describe('PyTorch fixtures', () => {
  it.each(checkpoints)('%s loads with the values PyTorch saved', async (name) => {
    const value = await load(fixture(name));
    expect(await matchPy(value, expected[name])).toEqual([]);
  });

  it.each(checkpoints)('%s loads the same from bytes', async (name) => {
    const value = await loadFromBuffer(readFileSync(fixture(name)));
    expect(await matchPy(value, expected[name])).toEqual([]);
  });

  it('reads safetensors written by the reference implementation', async () => {
    const f = await safetensors.safeOpen(fixture('reference.safetensors'));
    const value = { tensors: await f.loadAll(), metadata: f.metadata() };
    await f.close();
    const want = expected['reference.safetensors'] as { $dict: [[string, { $dict: [string, unknown][] }], [string, unknown]] };
    // Compare in the reference's key order (it lists tensors by name; the file stores them by dtype size).
    const names = want.$dict[0][1].$dict.map(([n]) => n);
    expect(Object.keys(value.tensors).sort()).toEqual([...names].sort());
    const ordered = new Map(names.map((n) => [n, value.tensors[n]]));
    // Its metadata is a hash map: compare in the order it reported.
    const metaOrder = (want.$dict[1][1] as { $dict: [string, unknown][] }).$dict.map(([k]) => k);
    const metadata = new Map(metaOrder.map((k) => [k, value.metadata?.[k]]));
    expect(Object.keys(value.metadata ?? {}).sort()).toEqual([...metaOrder].sort());
    expect(await matchPy({ tensors: ordered, metadata }, want)).toEqual([]);
  });

  it('views saved together share one storage, with their offsets and strides', async () => {
    const v = (await load(fixture('views.pth'))) as Record<string, Tensor>;
    const base = v.base!;
    for (const k of ['row', 'column', 'transposed', 'block', 'stepped', 'tail', 'expanded']) expect(v[k]!.storage).toBe(base.storage);
    expect(v.other!.storage).toBe(v.other_tail!.storage);
    expect(v.other!.storage).not.toBe(base.storage);
    expect(v.block!.offset).toBe(8);
    expect(v.block!.tolist()).toEqual([[8, 9, 10], [14, 15, 16]]);
    expect(v.expanded!.strides).toEqual([0, 1]);
    // Writing through one view is seen by the others, as in PyTorch.
    v.row!.fill_(-1);
    expect(v.column!.tolist()).toEqual([2, -1, 14, 20]);
  });

  it('a state dict keeps PyTorch key order and hides _metadata from its keys', async () => {
    const sd = (await load(fixture('small_cnn.pth'))) as Record<string, Tensor>;
    expect(Object.keys(sd)).toEqual([
      'conv1.weight', 'conv1.bias', 'bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var', 'bn1.num_batches_tracked',
      'conv2.weight', 'conv2.bias', 'fc.weight', 'fc.bias',
    ]);
    expect(Object.keys(sd)).not.toContain('_metadata');
    const meta = (sd as { _metadata?: Record<string, unknown> })._metadata!;
    expect(Object.keys(meta)).toEqual(['', 'conv1', 'bn1', 'conv2', 'fc']);
    expect(meta.bn1).toEqual({ version: 2 });
    expect(sd['bn1.num_batches_tracked']!.dtype).toBe('int64');
    expect(sd['bn1.num_batches_tracked']!.item()).toBe(1);
  });

  it('an optimizer state_dict keeps int keys (a Map), tuples and floats', async () => {
    const sd = (await load(fixture('optimizer.pth'))) as { state: Map<number, Record<string, Tensor>>; param_groups: Record<string, unknown>[] };
    expect(sd.state).toBeInstanceOf(Map);
    expect([...sd.state.keys()]).toEqual([0, 1, 2, 3]);
    expect(Object.keys(sd.state.get(0)!)).toEqual(['step', 'exp_avg', 'exp_avg_sq']);
    const g = sd.param_groups[0]!;
    expect(g.lr).toBe(0.001);
    expect(g.betas).toEqual([0.9, 0.999]);
    expect(g.params).toEqual([0, 1, 2, 3]);
    expect(g.foreach).toBe(null);
  });

  it('parameters come back as the registered Parameter class', async () => {
    const sd = (await load(fixture('parameters.pth'))) as Record<string, Tensor>;
    expect(sd.weight).toBeInstanceOf(TestParameter);
    expect(sd.weight!.requiresGrad).toBe(true);
    expect(sd.frozen).toBeInstanceOf(TestParameter);
    expect(sd.frozen!.requiresGrad).toBe(false);
    expect(sd.grad_tensor).not.toBeInstanceOf(TestParameter);
    expect(sd.grad_tensor!.requiresGrad).toBe(true);
    const plain = (await load(fixture('parameters.pth'), { parameterClass: null })) as Record<string, Tensor>;
    expect(plain.weight).not.toBeInstanceOf(TestParameter);
    expect(plain.weight!.requiresGrad).toBe(true);
  });

  it('the legacy (< 1.6) format loads, views sharing their storage', async () => {
    const v = (await load(fixture('legacy.pth'))) as Record<string, Tensor | number | string>;
    const base = v.base as Tensor;
    const view = v.view as Tensor;
    expect(view.storage).toBe(base.storage);
    expect(view.offset).toBe(3);
    expect(view.tolist()).toEqual([3, 4, 5, 6]);
    expect(v.f).toBe(0.5);
  });

  it('refuses a pickle that calls os.system, naming the global, and runs nothing', async () => {
    const err = await load(fixture('malicious.pth')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnpicklingError);
    // os.system is posix.system on Linux: that is the name the pickle holds.
    expect((err as Error).message).toMatch(/GLOBAL posix\.system was refused/);
    expect(existsSync('/tmp/x-serialize-pwned')).toBe(false);
  });

  it('a whole pickled model is refused, pointing to state_dict()', async () => {
    const err = (await load(fixture('whole_model.pth')).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(UnpicklingError);
    expect(err.message).toMatch(/GLOBAL torch\.nn\.modules\.linear\.Linear was refused.*state_dict\(\)/s);
  });

  it('a TorchScript archive is named as such', async () => {
    await expect(load(fixture('torchscript.pt'))).rejects.toThrow(/TorchScript archive \(torch\.jit\.save\)/);
  });

  it('mapLocation puts storages on the asked device', async () => {
    registerDeviceBackend('other');
    const sd = (await load(fixture('small_cnn.pth'), { mapLocation: 'other' })) as Record<string, Tensor>;
    expect(sd['conv1.weight']!.device).toBe('other');
    const viaTable = (await load(fixture('small_cnn.pth'), { mapLocation: { cpu: 'other' } })) as Record<string, Tensor>;
    expect(viaTable['fc.bias']!.device).toBe('other');
    const viaFn = (await load(fixture('small_cnn.pth'), { mapLocation: (loc) => (loc === 'cpu' ? 'other' : undefined) })) as Record<string, Tensor>;
    expect(viaFn['fc.bias']!.device).toBe('other');
    await expect(load(fixture('small_cnn.pth'), { mapLocation: 'cuda:0' })).rejects.toThrow(/device 'cuda:0'.*mapLocation: 'cpu'/s);
  });

  const full = fixture('resnet18_full.pth');
  it.skipIf(!existsSync(full))('the full resnet18 state dict (generated on demand with --full-resnet)', async () => {
    const want = JSON.parse(readFileSync(fixture('resnet18_full.expected.json'), 'utf8')) as unknown;
    expect(await matchPy(await load(full), want)).toEqual([]);
  });
});
