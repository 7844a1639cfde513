import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderOpsDoc } from '../scripts/ops-doc';

it('docs/ops.md matches the op registry (regenerate: pnpm --filter @x/torch gen:ops-doc)', () => {
  expect(readFileSync(new URL('../../../docs/ops.md', import.meta.url), 'utf8')).toBe(renderOpsDoc());
});
