import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';

// PyTorch prints a node's address (`<PowBackward0 object at 0x7f…>`), which differs per run: both
// sides are compared with the address left out.
const withoutAddresses = (s: string): string => s.replace(/ object at 0x[0-9a-fA-F]+>/g, ' object>');

it('prints exactly what PyTorch prints for the same program (tensors, autograd, the optimizer walkthrough)', async () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
  await import('../src/main');
  spy.mockRestore();
  const expected = readFileSync(new URL('../expected.txt', import.meta.url), 'utf8');
  expect(withoutAddresses(lines.join('\n') + '\n')).toBe(withoutAddresses(expected));
});
