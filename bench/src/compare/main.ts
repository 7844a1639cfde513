/**
 * pnpm bench compare BEFORE [RUNS]: this checkout against another (BEFORE: the root of a built
 * checkout of an earlier commit, e.g. `git worktree add /tmp/before <rev>`, then `pnpm install` and
 * `pnpm build` there), on the @x rows of `pnpm bench`. Each run is a fresh process per side, the
 * sides interleaved; the table gives each row's medians and the change's speed relative to before
 * (above 1: faster), with every run's figure and the load average, since a comparison taken on a
 * busy machine is not a measurement.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../timing';

const [beforeArg, runsArg = '3'] = process.argv.slice(process.argv.indexOf('compare') + 1);
const after = fileURLToPath(new URL('../../..', import.meta.url));
if (!beforeArg || !existsSync(resolve(beforeArg, 'packages/torch/dist/index.js'))) {
  console.error(`usage: pnpm bench compare BEFORE [RUNS], BEFORE the root of a built checkout (got ${beforeArg ?? 'nothing'})`);
  process.exit(2);
}
const before = resolve(beforeArg);
const runs = Number(runsArg);
const child = fileURLToPath(new URL('./ours-rows.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');

const results: Record<'before' | 'after', Record<string, number>[]> = { before: [], after: [] };
console.log(`before: ${before}\nafter:  ${after}\nload average at start ${load()}`);
for (let i = 0; i < runs; i++) {
  for (const [side, root] of [['before', before], ['after', after]] as const) {
    const r = spawnSync(tsx, [child, root], { encoding: 'utf8', cwd: `${root}/bench` });
    if (r.status !== 0 || !r.stdout) throw new Error(`${side} run ${i + 1} failed: ${r.stderr.slice(-2000)}`);
    results[side].push(JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>);
    console.log(`  ${side} run ${i + 1} done (load ${load()})`);
  }
}
console.log(`load average at end ${load()}`);
console.log(['case'.padEnd(48), 'before'.padStart(10), 'after'.padStart(10), 'after/before'.padStart(13), '  every run (before | after)'].join(''));
for (const k of Object.keys(results.before[0]!)) {
  const b = median(results.before.map((r) => r[k]!));
  const a = median(results.after.map((r) => r[k]!));
  // times (ns/op, ms): lower is better, so the ratio is inverted to read as speed
  const speed = /\((ns\/op|ms)\)$/.test(k) ? b / a : a / b;
  const all = `${results.before.map((r) => r[k]!.toFixed(2)).join(' ')} | ${results.after.map((r) => r[k]!.toFixed(2)).join(' ')}`;
  console.log([k.padEnd(48), b.toFixed(2).padStart(10), a.toFixed(2).padStart(10), `${speed.toFixed(3)}x`.padStart(13), `  ${all}`].join(''));
}
console.log('(medians of the runs; after/before above 1: the change is faster)');
