/**
 * Python's default repr of an object, `<torch.utils.data.dataloader.DataLoader object at 0x7f3be4f31a90>`:
 * what PyTorch prints for objects without a repr of their own (data loaders, datasets, samplers, lr
 * schedulers, generators, autograd nodes). Node's inspector (console.log) and String() print it for
 * @x's counterparts instead of their internals. The address is made up, one per object, stable for
 * its lifetime.
 */

/**
 * torch.typename, installed by ops/legacy.ts when it loads. repr.ts imports nothing so that it can sit
 * below everything: the random generator prints itself through it, and the binder (signature.ts)
 * imports the generator before the op modules legacy.ts depends on have loaded.
 */
let typenameOf: (obj: object) => string = (obj) => `__main__.${(obj as { constructor?: { name?: string } }).constructor?.name ?? 'object'}`;

/** @internal Called once by ops/legacy.ts with torch.typename. */
export function setTypenameLookup(lookup: (obj: object) => string): void {
  typenameOf = lookup;
}

const addresses = new WeakMap<object, number>();
let next = 0;

/** A made-up CPython-like address of `obj` (0x7f… with 12 hex digits, 16-byte aligned), stable for its lifetime. */
export function objectAddress(obj: object): string {
  let a = addresses.get(obj);
  if (a === undefined) {
    a = 0x7f3b_0000_0000 + 0x10 * ++next;
    addresses.set(obj, a);
  }
  return `0x${a.toString(16)}`;
}

/**
 * `<qualified.Name object at 0x…>`; the name defaults to torch.typename(obj): the Python name its
 * class was registered with (registerPythonTypeName), or `__main__.<ClassName>` for a program's own.
 */
export function pythonObjectRepr(obj: object, name: string = typenameOf(obj)): string {
  return `<${name} object at ${objectAddress(obj)}>`;
}
