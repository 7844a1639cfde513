/**
 * The conformance suite: every case of test/fixtures/ops.json (outputs of real PyTorch, see
 * tools/gen_op_fixtures.py) run on one backend, through every call form ops.ts lists for the op.
 *
 * @example
 * // packages/<backend>/test/conformance.test.ts
 * import { runConformance } from '../../tensor/test/conformance/run';
 * registerMyBackend();
 * runConformance('mybackend');
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as torch from '../../src/index';
import { compareOutput, describe as describeValue } from './compare';
import { decodeArg, isExpectedError, loadFixtures, type Case } from './fixtures';
import { knownGap } from './known-gaps';
import { callForms, missingForms, ourArguments, OPS, SkipForm, type OpMapping } from './ops';

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The tensors among decoded arguments (nested in lists too). */
function tensorsIn(v: unknown, out: torch.Tensor[] = []): torch.Tensor[] {
  if (v instanceof torch.Tensor) out.push(v);
  else if (Array.isArray(v)) for (const x of v) tensorsIn(x, out);
  return out;
}

/**
 * Runs one case through each call form on `backendName`; returns the problems found (empty when it
 * conforms). The inputs are checked to live on that backend, so a suite never passes on another one.
 */
export async function runCase(c: Case, backendName: string): Promise<string[]> {
  const m: OpMapping | undefined = OPS[c.op];
  if (!m) return [`no mapping for PyTorch op '${c.op}' in test/conformance/ops.ts`];
  const forms = m.custom ? [{ form: m.methods.map((n) => `x.${n}`).join(' ') || 'custom', call: m.custom }] : callForms(m);
  const problems: string[] = [];
  let ran = 0;
  for (const { form, call } of forms) {
    await torch.tidy(async () => {
      // Inputs are decoded afresh for each form (in-place ops mutate them), outside the try: a
      // failure to build the inputs must never count as the error a case expects.
      const args = c.args.map(decodeArg);
      const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, decodeArg(v)]));
      for (const t of tensorsIn([args, Object.values(kwargs)])) {
        if (t.backend.name !== backendName) throw new Error(`an input was created on the '${t.backend.name}' backend, not '${backendName}'`);
      }
      const ours = m.custom ? args : ourArguments(m, args, kwargs);
      let result: unknown;
      let error: unknown = null;
      try {
        result = call(ours);
        if (result instanceof Promise) result = await result;
      } catch (e) {
        if (e instanceof SkipForm) return;
        error = e ?? new Error('undefined thrown');
      }
      ran++;
      if (isExpectedError(c.out)) {
        if (error === null) problems.push(`${form}: expected an error containing "${c.out.error}", but it returned ${describeValue(result)}`);
        else if (!errorMessage(error).includes(c.out.error)) {
          problems.push(`${form}: error message\n    "${errorMessage(error)}"\n  does not contain PyTorch's\n    "${c.out.error}"`);
        }
        return;
      }
      if (error !== null) {
        problems.push(`${form}: threw ${errorMessage(error)}`);
        return;
      }
      const diff = await compareOutput(result, c.out);
      if (diff) problems.push(`${form}: ${diff}`);
    });
  }
  if (ran === 0) problems.push(`no call form of ${c.op} applies to these arguments (${forms.map((f) => f.form).join(', ')})`);
  return problems;
}

function register(name: string, backend: string, body: () => void | Promise<void>): void {
  const gap = knownGap(name, backend);
  if (!gap) it(name, body);
  else if (gap.kind === 'todo') it.todo(`${name} — known gap: ${gap.reason}`);
  else it.fails(`${name} — known gap: ${gap.reason}`, body);
}

/**
 * Defines the vitest suite for one backend: an API-surface test per op (every call form the mapping
 * lists exists), then every fixture case, grouped by op.
 */
export function runConformance(backendName: string): void {
  const { torch: version, cases } = loadFixtures();
  const byOp = new Map<string, Case[]>();
  for (const c of cases) {
    const list = byOp.get(c.op) ?? [];
    list.push(c);
    byOp.set(c.op, list);
  }

  // First, before any tensor exists and outside the beforeEach below: selecting the backend by name
  // must work on its own.
  describe(`selecting the '${backendName}' backend`, () => {
    register('setBackend', backendName, () => {
      expect(torch.setBackend(backendName).name).toBe(backendName);
    });
  });

  describe(`conformance with PyTorch ${version} on the '${backendName}' backend`, () => {
    beforeEach(() => {
      // listBackends() first works around the registry bug the 'setBackend' case records (the
      // reference backend is registered lazily), so that one bug does not fail an unrelated case.
      torch.listBackends();
      torch.setBackend(backendName);
    });

    describe('API surface: every call form in ops.ts exists', () => {
      for (const [op, m] of Object.entries(OPS)) {
        register(`surface:${op}`, backendName, () => {
          expect(missingForms(m), `forms of ${op} missing from @x/tensor`).toEqual([]);
        });
      }
    });

    for (const [op, list] of byOp) {
      describe(op, () => {
        for (const c of list) {
          register(c.name, backendName, async () => {
            const problems = await runCase(c, backendName);
            if (problems.length > 0) {
              throw new Error(`${c.name} (${c.op} ${JSON.stringify(c.args).slice(0, 300)} ${JSON.stringify(c.kwargs)}):\n  ${problems.join('\n  ')}`);
            }
          });
        }
      });
    }
  });
}
