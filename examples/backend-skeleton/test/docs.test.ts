// Every TypeScript snippet of docs/write-a-backend.md is an excerpt of this package, whose files CI
// typechecks and runs: a snippet that drifts from them, or stops compiling, fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const page = read('../../../docs/write-a-backend.md');
const sources = [
  ...readdirSync(new URL('../src/', import.meta.url)).map((f) => `../src/${f}`),
  ...readdirSync(new URL('./', import.meta.url)).map((f) => `./${f}`),
].filter((f) => f.endsWith('.ts'));

/** Lines without the indentation they share, so an indented excerpt matches its snippet. */
function dedent(lines: string[]): string {
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent).trimEnd()).join('\n');
}

/** Whether `snippet` is a run of consecutive lines of `text`, up to indentation. */
function excerptOf(snippet: string, text: string): boolean {
  const want = dedent(snippet.split('\n'));
  const lines = text.split('\n');
  const n = snippet.split('\n').length;
  for (let i = 0; i + n <= lines.length; i++) if (dedent(lines.slice(i, i + n)) === want) return true;
  return false;
}

const snippets = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\n$/, ''));

it('has TypeScript snippets', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(4);
});

for (const snippet of snippets) {
  it(`snippet "${snippet.split('\n')[0]}" is an excerpt of examples/backend-skeleton`, () => {
    expect(sources.filter((f) => excerptOf(snippet, read(f))), snippet).not.toEqual([]);
  });
}
