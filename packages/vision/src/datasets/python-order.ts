/** Python's sort order for strings: by code point (JavaScript's `<` compares UTF-16 units, which differs past U+FFFF). */
export function comparePython(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function sortedPython(items: Iterable<string>): string[] {
  return [...items].sort(comparePython);
}
