/** Children as Sequential and SomeOf take them: nothing, one augmenter or an array of augmenters. */
import { Augmenter } from '../base';

export function checkChildren(children: readonly unknown[], who: string): Augmenter[] {
  children.forEach((c, i) => {
    if (!(c instanceof Augmenter)) throw new Error(`${who}: expected children to be augmenters, but child ${i} is ${c === null ? 'null' : typeof c === 'object' ? (c as object).constructor.name : typeof c}`);
  });
  return children as Augmenter[];
}

export function childrenArray(children: unknown, who: string): Augmenter[] {
  if (children === undefined || children === null) return [];
  if (children instanceof Augmenter) return [children];
  if (Array.isArray(children)) return checkChildren(children, who);
  throw new Error(`${who}: expected children to be an augmenter or an array of augmenters, got ${typeof children}`);
}
