/**
 * The conformance suite: every case of fixtures/ops.json (outputs of real PyTorch, see
 * tools/gen_op_fixtures.py) run on one backend, through every call form ops.ts lists for the op.
 *
 * Inputs are created on the backend's device (it becomes the default device while the suite runs).
 * On a backend without synchronous reads the async forms of value-sized ops run (ops.ts,
 * ASYNC_FORMS); cases that need a dtype the backend refuses (`Backend.supportsDtype`) are skipped,
 * counted and printed with the backend's reason.
 *
 * The suite is defined with the test framework's functions, passed in (`TestApi`): @x/tensor depends
 * on no test framework, and its CommonJS build loads where vitest (ESM only) cannot be required.
 */
import * as torch from '@x/tensor';
import { compareOutput, describeValue } from './compare';
import { decodeArg, isExpectedError, loadFixtures, type Case } from './fixtures';
import { knownGap, KNOWN_GAPS, type KnownGap } from './known-gaps';
import { runRngFixtures } from './rng';
import { callForms, customCall, missingForms, ourArguments, OPS, SkipForm, type OpMapping } from './ops';

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The tensors among decoded arguments (nested in lists too). */
function tensorsIn(v: unknown, out: torch.Tensor[] = []): torch.Tensor[] {
  if (v instanceof torch.Tensor) out.push(v);
  else if (Array.isArray(v)) for (const x of v) tensorsIn(x, out);
  return out;
}

/** A test callback as the suite registers it. */
export type TestFunction = (name: string, body: () => unknown) => void;

/**
 * The functions of a test framework the suite is defined with, in vitest's shapes: pass vitest's
 * module (`import * as vitest from 'vitest'`), or an object of the same shapes from another framework.
 */
export interface TestApi {
  describe(name: string, body: () => void): void;
  /** `it.fails` runs a known gap and passes while it fails; `it.todo` lists one that cannot run yet. */
  it: TestFunction & { fails: TestFunction; skip: TestFunction; todo(name: string): void };
  beforeAll(fn: () => unknown): void;
  afterAll(fn: () => unknown): void;
  beforeEach(fn: () => unknown): void;
}

export interface ConformanceOptions {
  /** This backend's own gaps, checked after @x/tensor's `KNOWN_GAPS`. */
  readonly knownGaps?: readonly KnownGap[];
}

/** The registered backend of that name, or this backend object (registered now unless it is already). */
function resolveBackend(backend: torch.Backend | string): torch.Backend {
  if (typeof backend !== 'string') {
    if (torch.findBackend(backend.name) !== backend) torch.registerBackend(backend);
    return backend;
  }
  const found = torch.findBackend(backend);
  if (!found) throw new Error(`no backend named '${backend}' is registered (registered: ${torch.listBackends().map((b) => b.name).join(', ')})`);
  return found;
}

/**
 * Runs one case through each call form on `backend`; returns the problems found (empty when it
 * conforms). The inputs are checked to live on that backend, so a suite never passes on another one.
 * It needs no test framework; the default device must be the backend's, as `runConformance` sets it.
 *
 * @example
 * const c = loadFixtures().cases.find((c) => c.name === 'cumsum/dim0')!;
 * expect(await runCase(c, 'reference')).toEqual([]);
 */
export async function runCase(c: Case, backend: torch.Backend | string): Promise<string[]> {
  const m: OpMapping | undefined = OPS[c.op];
  if (!m) return [`no mapping for PyTorch op '${c.op}' in @x/tensor/testing's ops.ts`];
  const found = typeof backend === 'string' ? torch.findBackend(backend) : resolveBackend(backend);
  if (!found) return [`no backend named '${backend}' is registered`];
  const backendName = found.name;
  const async = found.readSync === undefined;
  const forms = m.custom
    ? [{ form: (m.methods.map((n) => `x.${n}`).join(' ') || 'custom') + (async ? ' (async)' : ''), call: customCall(m, async) }]
    : callForms(m, async);
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
        // A GPU reports some errors (an index out of bounds) at the next read, as CUDA's device
        // asserts do: on such a backend the read belongs to the call.
        if (async) for (const t of tensorsIn(result)) await t.numpyAsync();
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

/** Every dtype a case names: of its input and output tensors, and dtype arguments. */
function dtypesOf(v: unknown, out = new Set<torch.DType>()): Set<torch.DType> {
  if (Array.isArray(v)) for (const x of v) dtypesOf(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'dtype' && typeof x === 'string') out.add(x as torch.DType);
      else dtypesOf(x, out);
    }
  }
  return out;
}

/** The dtypes of a case the backend cannot hold, or [] when it can run the case. */
function unsupportedDtypes(c: Case, backend: torch.Backend): torch.DType[] {
  return [...dtypesOf([c.args, c.kwargs, c.out])].filter((d) => !torch.backendSupportsDtype(backend, d));
}

/**
 * Defines the conformance suite for one backend with the test framework's functions: a check that
 * the backend is selected by name, an API-surface test per op (every call form the mapping lists
 * exists), then every fixture case, grouped by op. Known gaps (`KNOWN_GAPS`, then
 * `options.knownGaps`) are marked `it.fails` or `it.todo` with their reason; cases needing a dtype
 * the backend refuses are skipped and counted. A backend object is registered first, unless it is
 * already; a name must be registered already.
 *
 * @example
 * // packages/backend-mine/test/conformance.test.ts
 * import * as vitest from 'vitest';
 * import { runConformance } from '@x/tensor/testing';
 * import { MyBackend } from '../src/index';
 *
 * runConformance(new MyBackend(), vitest);
 */
export function runConformance(backendOrName: torch.Backend | string, test: TestApi, options: ConformanceOptions = {}): void {
  const { describe, it, beforeAll, afterAll, beforeEach } = test;
  const backend = resolveBackend(backendOrName);
  const backendName = backend.name;
  const gaps = [...KNOWN_GAPS, ...(options.knownGaps ?? [])];
  const register = (name: string, body: () => void | Promise<void>): void => {
    const gap = knownGap(name, backend, gaps);
    if (!gap) it(name, body);
    else if (gap.kind === 'todo') it.todo(`${name} — known gap: ${gap.reason}`);
    else it.fails(`${name} — known gap: ${gap.reason}`, body);
  };
  const { torch: version, cases } = loadFixtures();
  // Cases needing a dtype the backend refuses are skipped with its reason, and the tally printed.
  const skipped = new Map<torch.DType, string[]>();
  const skipReason = (c: Case): string | null => {
    const refused = unsupportedDtypes(c, backend);
    if (refused.length === 0) return null;
    for (const d of refused) skipped.set(d, [...(skipped.get(d) ?? []), c.name]);
    return refused.map((d) => `${d}: ${backend.unsupportedDtypeReason?.(d) ?? 'not supported by the backend'}`).join('; ');
  };
  const byOp = new Map<string, Case[]>();
  for (const c of cases) {
    const list = byOp.get(c.op) ?? [];
    list.push(c);
    byOp.set(c.op, list);
  }

  // First, before any tensor exists and outside the beforeEach below: selecting the backend by name
  // must work on its own.
  describe(`selecting the '${backendName}' backend`, () => {
    register('setBackend', () => {
      const selected = torch.setBackend(backendName).name;
      if (selected !== backendName) throw new Error(`setBackend('${backendName}') selected '${selected}'`);
    });
  });

  // PyTorch's CPU generator streams, bit for bit, on the CPU backends (GPU backends draw @x's Philox stream).
  if (backend.device === 'cpu' && torch.getCpuRandomStream() === 'pytorch') runRngFixtures(backend, test);

  describe(`conformance with PyTorch ${version} on the '${backendName}' backend`, () => {
    let previousDevice = 'cpu';
    beforeAll(() => {
      previousDevice = torch.getDefaultDevice();
      const lines = [...skipped].map(([d, names]) => {
        const why = backend.unsupportedDtypeReason?.(d) ?? 'not supported by the backend';
        return `  ${names.length} cases need ${d}, which the '${backendName}' backend refuses (${why}): ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
      });
      if (lines.length > 0) console.log(`conformance on '${backendName}': skipped cases, by dtype\n${lines.join('\n')}`);
    });
    afterAll(() => torch.setDefaultDevice(previousDevice));
    beforeEach(() => {
      // listBackends() first works around the registry bug the 'setBackend' case records (the
      // reference backend is registered lazily), so that one bug does not fail an unrelated case.
      torch.listBackends();
      const b = torch.setBackend(backendName);
      // Fixture inputs (torch.tensor) and creation ops land on the default device: this backend's.
      torch.setDefaultDevice(b.device);
    });

    describe('API surface: every call form in ops.ts exists', () => {
      for (const [op, m] of Object.entries(OPS)) {
        register(`surface:${op}`, () => {
          const missing = missingForms(m);
          if (missing.length > 0) throw new Error(`forms of ${op} missing from @x/tensor: ${missing.join(', ')}`);
        });
      }
    });

    for (const [op, list] of byOp) {
      describe(op, () => {
        for (const c of list) {
          const reason = skipReason(c);
          if (reason !== null) {
            it.skip(`${c.name} — skipped: ${reason}`, () => {});
            continue;
          }
          register(c.name, async () => {
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
