/** A tiny fine-tuning run end to end: the ImageFolder, what trains and what stays frozen, the outputs, and the saved model loaded back. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@x/torch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SUBSET } from '../src/data';
import { finetuneHubModel, finetuneModel } from '../src/model';
import { parseOptions } from '../src/options';
import { run } from '../src/train';

const dir = mkdtempSync(join(tmpdir(), 'finetune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const weights = join(dir, 'resnet18.pth');

type Results = Awaited<ReturnType<typeof run>>;
async function tiny(name: string, ...extra: string[]): Promise<{ results: Results; lines: string[] }> {
  const lines: string[] = [];
  const argv = ['--weights', weights, '--data', SUBSET, '--per-class', '6', '--val-per-class', '3', '--image-size', '32', '--batch-size', '4', '--limit-batches', '3'];
  const results = await run(parseOptions([...argv, '--output-dir', join(dir, name), '--progress', 'none', ...extra]), (line) => void lines.push(line));
  return { results, lines };
}

let pretrained: torch.nn.StateDict;
let first: { results: Results; lines: string[] };
beforeAll(async () => {
  torch.manualSeed(123);
  await torch.save(torch.vision.models.resnet18().stateDict(), weights);
  pretrained = (await torch.load(weights)) as torch.nn.StateDict;
  first = await tiny('a');
});

describe('a tiny fine-tuning run', () => {
  test('writes the ImageFolder of PNGs: four classes, train and val', () => {
    const images = join(dir, 'a', 'images');
    for (const [split, count] of [['train', 6], ['val', 3]] as const) {
      expect(readdirSync(join(images, split))).toEqual(['Bag', 'Dress', 'Sneaker', 'Trouser']);
      for (const name of readdirSync(join(images, split))) expect(readdirSync(join(images, split, name)).filter((f) => f.endsWith('.png'))).toHaveLength(count);
    }
    expect(first.lines[0]).toBe(`data: 24 training / 12 validation PNGs of Bag, Dress, Sneaker, Trouser (Fashion-MNIST from ${SUBSET}) in ${images}`);
  });

  test('only fc trains: 2,052 parameters, printed; the seed\'s lines', () => {
    expect(first.lines).toContain('trainable: fc.weight [4, 512], fc.bias [4]: 2,052 of 11,178,564 parameters');
    expect(first.results.trainable).toEqual({ names: ['fc.weight', 'fc.bias'], count: 2052 });
    expect(first.lines.filter((l) => l.startsWith('Epoch: '))).toEqual([
      `Epoch: 1 \tTraining Loss: ${first.results.epochs[0]!.trainLoss.toFixed(6)}`,
      expect.stringMatching(/^Epoch: 1 \tValidation Loss: \d+\.\d{6}, Accuracy: [01]\.\d{6}$/),
    ]);
  });

  test('frozen parameters keep the loaded weights; fc changed', async () => {
    const saved = (await torch.load(join(dir, 'a', 'finetuned.pth'))) as torch.nn.StateDict;
    const model = await finetuneModel(null, 4);
    const names = [...model.namedParameters()].map(([name]) => name);
    expect(names.filter((name) => !name.startsWith('fc.'))).toHaveLength(60);
    for (const name of names.filter((n) => !n.startsWith('fc.'))) expect(torch.equal(saved[name]!, pretrained[name]!), name).toBe(true);
    const check = (await torch.load(join(dir, 'a', 'check.pth'))) as Record<string, torch.Tensor>;
    expect(torch.equal(saved['fc.weight']!, check.fc_weight_before!)).toBe(false);
    expect(torch.equal(saved['fc.bias']!, check.fc_bias_before!)).toBe(false);
  });

  test('the saved state dict loads into a fresh model that gives the logits the run recorded', async () => {
    const model = await finetuneModel(null, 4);
    model.loadStateDict((await torch.load(join(dir, 'a', 'finetuned.pth'))) as torch.nn.StateDict);
    model.eval();
    const check = (await torch.load(join(dir, 'a', 'check.pth'))) as Record<string, torch.Tensor>;
    expect(check.inputs!.shape).toEqual([4, 3, 32, 32]);
    const logits = torch.noGrad(() => model.forward(check.inputs!));
    expect(torch.allclose(logits, check.logits!, { rtol: 0, atol: 1e-6 })).toBe(true);
  });

  test('results.json and the plot', () => {
    const results = JSON.parse(readFileSync(join(dir, 'a', 'results.json'), 'utf8'));
    expect(results.data).toEqual({ fashion: SUBSET, classes: ['Bag', 'Dress', 'Sneaker', 'Trouser'], train: 24, val: 12 });
    expect(results.trainable.count).toBe(2052);
    expect(results.batchLosses).toHaveLength(3);
    expect(Object.keys(results.epochs[0])).toEqual(['epoch', 'trainLoss', 'valLoss', 'accuracy', 'classAccuracy', 'trainSeconds', 'seconds']);
    expect(results.epochs[0].classAccuracy).toHaveLength(4);
    expect(results.options.weights).toBe(weights);
    expect(readFileSync(join(dir, 'a', 'results.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  test('DataLoader workers load the same batches: the same seed gives the same losses', async () => {
    const { results } = await tiny('workers', '--workers', '2');
    expect(results.batchLosses).toEqual(first.results.batchLosses);
  });

  test('without --weights, a notice and random initialisation', async () => {
    const lines: string[] = [];
    const options = parseOptions(['--data', SUBSET, '--per-class', '2', '--val-per-class', '1', '--image-size', '32', '--batch-size', '8', '--output-dir', join(dir, 'random'), '--progress', 'none']);
    await run(options, (line) => void lines.push(line));
    expect(lines[1]).toBe('weights: none given (--weights PATH), so resnet18 starts from random initialisation');
    expect(existsSync(join(dir, 'random', 'finetuned.pth'))).toBe(true);
  });

  test('--hub-model: a timm model from @x/hub, loaded from the file, frozen but for its fresh classifier', async () => {
    const hubWeights = join(dir, 'test_resnet.pth');
    const source = torch.hub.createModel('test_resnet');
    await torch.save(source.stateDict(), hubWeights);
    const lines: string[] = [];
    const argv = ['--hub-model', 'test_resnet', '--weights', hubWeights, '--data', SUBSET, '--per-class', '4', '--val-per-class', '2', '--image-size', '32', '--batch-size', '4', '--limit-batches', '2'];
    const results = await run(parseOptions([...argv, '--output-dir', join(dir, 'hub'), '--progress', 'none']), (line) => void lines.push(line));
    expect(lines).toContain(`weights: test_resnet loaded from ${hubWeights}`);
    expect(results.trainable.names).toEqual(['fc.weight', 'fc.bias']);
    const saved = (await torch.load(join(dir, 'hub', 'finetuned.pth'))) as torch.nn.StateDict;
    // Frozen parameters keep the file's values (BatchNorm's running statistics move in training mode, as in PyTorch).
    const frozen = [...source.namedParameters()].filter(([name]) => !name.startsWith('fc.'));
    expect(frozen.length).toBeGreaterThan(0);
    for (const [name, p] of frozen) expect(torch.equal(saved[name]!, p), name).toBe(true);
    expect([...saved['fc.weight']!.shape]).toEqual([4, source.stateDict()['fc.weight']!.shape[1]]);
    expect(() => parseOptions(['--hub-model'])).toThrow();
    await expect(finetuneHubModel('resnet_nope', null, 4)).rejects.toThrow("--hub-model: unknown model 'resnet_nope'");
  });
});
