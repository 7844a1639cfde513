/** torch.hub for local directories: list, load (with arguments, sync or async entries), help, and the errors. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Module } from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { help, list, load } from '../src/index';

registerWasmBackend();

const dir = fileURLToPath(new URL('./fixtures/hubconf-dir', import.meta.url));
const missingDeps = fileURLToPath(new URL('./fixtures/hubconf-missing-deps', import.meta.url));

describe('hub.load / hub.list / hub.help on a local directory', () => {
  it('lists the exported functions not starting with _', async () => {
    expect(await list(dir)).toEqual(['constant', 'resnet18Classifier']);
  });

  it('loads an entry with its arguments; an async entry is awaited', async () => {
    const m = (await load(dir, 'resnet18Classifier', 10)) as Module & { fc: { outFeatures: number } };
    expect(m.fc.outFeatures).toBe(10);
    expect(await load(dir, 'constant', 7)).toEqual({ value: 7 });
    expect(await help(dir, 'resnet18Classifier')).toBe('ResNet-18 (timm), with `classes` outputs.');
    expect(await help(dir, 'constant')).toBe('');
  });

  it('refuses what is not there, naming it', async () => {
    await expect(load(dir, 'resnet50', 1)).rejects.toThrow(`hub.load: cannot find callable resnet50 in ${join(dir, 'hubconf.mjs')}; it has constant, resnet18Classifier`);
    await expect(load(missingDeps, 'model')).rejects.toThrow(`hub.load: missing dependencies of ${join(missingDeps, 'hubconf.cjs')}: no-such-package-xyz`);
    await expect(list('pytorch/vision:v0.14.1')).rejects.toThrow("hub.list: 'pytorch/vision:v0.14.1' is not a local directory; GitHub repositories are not fetched here: clone pytorch/vision and pass the clone's path");
    const empty = mkdtempSync(join(tmpdir(), 'x-hubconf-'));
    try {
      await expect(list(empty)).rejects.toThrow(`hub.list: ${empty} has no hubconf.js, hubconf.mjs, hubconf.cjs`);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});
