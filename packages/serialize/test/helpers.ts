/** Shared by the tests: fixture paths, a stand-in nn.Parameter, a temp dir, Python with torch. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ReferenceBackend, Tensor, registerBackend, tensor, type Backend } from '@x/tensor';
import { valuesMismatch } from '@x/tensor/testing';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const TOOLS = fileURLToPath(new URL('../../../tools/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function expectedFixtures(): Record<string, unknown> {
  return (JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as { files: Record<string, unknown> }).files;
}

/** The small CNN's input and PyTorch's eval-mode logits for it (expected.json's "models"). */
export function expectedModels(): Record<string, { input: unknown; logits: unknown }> {
  return (JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as { models: Record<string, { input: unknown; logits: unknown }> }).models;
}

/** nn.Parameter's shape, without depending on @x/nn. */
export class TestParameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    super(data.storage, data.shape, data.strides, data.offset, data.dtype, null);
    if (requiresGrad) this.requiresGrad_(true);
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'x-serialize-'));
}

const PYTHON = '/usr/bin/python3';

/** Why PyTorch cannot be run here, or null when /usr/bin/python3 imports torch. */
export function torchUnavailable(): string | null {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'pipe', timeout: 60000 });
    return null;
  } catch (e) {
    return `/usr/bin/python3 cannot import torch (${(e as Error).message.split('\n')[0]}); install python3-torch to run this check`;
  }
}

/** PyTorch's logits for INPUT through the small CNN loaded from STATE_DICT (both files written here). */
export function pytorchSmallCnnLogits(stateDict: string, input: string): unknown {
  const out = execFileSync(PYTHON, [join(TOOLS, 'check_serialize_files.py'), '--small-cnn', stateDict, input], { encoding: 'utf8', timeout: 120000 });
  return (JSON.parse(out) as { logits: unknown }).logits;
}

export interface WholeModelReport {
  repr: string;
  classes: Record<string, string>;
  training: Record<string, boolean>;
  logits: unknown;
}

/** What PyTorch makes of a whole model saved here: torch.load(MODEL) (weights_only=False), run on INPUT. */
export function pytorchWholeModel(model: string, input: string): WholeModelReport {
  const out = execFileSync(PYTHON, [join(TOOLS, 'check_serialize_files.py'), '--whole-model', model, input], { encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20 });
  return JSON.parse(out) as WholeModelReport;
}

/** A float tensor from describe()'s encoding (values must be present: numel ≤ 256). */
export function tensorFromDescription(enc: unknown): Tensor {
  const t = (enc as { $tensor: { shape: number[]; values: { $float: number }[] } }).$tensor;
  return tensor(t.values.map((v) => v.$float), { dtype: 'float32' }).reshape(t.shape);
}

/** Same shape, values within atol + 1e-4·|b|: float32 through a few layers, summed in PyTorch's order and in ours. */
export function expectClose(a: Tensor, b: Tensor, atol = 1e-5): void {
  expect(a.shape).toEqual(b.shape);
  expect(valuesMismatch(a.numpy() as ArrayLike<number>, b.numpy() as ArrayLike<number>, { rtol: 1e-4, atol })).toBeNull();
}

/** Runs tools/check_serialize_files.py on files; returns its per-file report. */
export function pytorchReads(files: string[]): Record<string, { weights_only?: boolean; reason?: string; value?: unknown; error?: string }> {
  const out = execFileSync(PYTHON, [join(TOOLS, 'check_serialize_files.py'), ...files], { encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20 });
  return (JSON.parse(out) as { files: Record<string, never> }).files;
}

/** Registers a reference backend serving `device`, reporting every allocation to onAlloc. */
export function registerDeviceBackend(device: string, onAlloc?: (bytes: number) => void): Backend {
  const base = new ReferenceBackend();
  const b = Object.create(base) as Backend;
  Object.defineProperty(b, 'name', { value: `reference-${device}` });
  Object.defineProperty(b, 'device', { value: device });
  if (onAlloc) {
    Object.defineProperty(b, 'alloc', {
      value: (n: number) => {
        onAlloc(n);
        return base.alloc(n);
      },
    });
  }
  registerBackend(b);
  return b;
}
