/**
 * One process of `pnpm bench compare`: the @x rows of `pnpm bench` (cases.ts, ours.ts, the Adam step)
 * as the checkout at argv[2] builds and runs them, printed as one JSON object.
 */
export {};

const root = process.argv[2]!;
const { CASES, rate } = await import(`${root}/bench/src/cases.ts`);
const ours = await import(`${root}/bench/src/ours.ts`);
const { adamStep } = await import(`${root}/bench/src/optim.ts`);
const torch = await import(`${root}/packages/torch/dist/index.js`);
await torch.threadsReady();
const out: Record<string, number> = {};
for (const c of CASES) out[`${c.name} (${c.unit})`] = rate(c, ours.run(c));
out['Adam step, 582,026 params (ms)'] = adamStep().median * 1e3;
console.log(JSON.stringify(out));
process.exit(0);
