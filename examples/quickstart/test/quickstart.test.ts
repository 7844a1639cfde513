import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

it('prints exactly what PyTorch prints for the same program', async () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
  await import('../src/main');
  spy.mockRestore();
  const expected = readFileSync(new URL('../expected.txt', import.meta.url), 'utf8');
  expect(lines.join('\n') + '\n').toBe(expected);
});
