/** How meta augmenters take their children: an augmenter, an array of augmenters, or nothing. */
import { Augmenter } from '../base';
import { Sequential } from './sequential';

function checkChildren(children: readonly unknown[], who: string): Augmenter[] {
  children.forEach((c, i) => {
    if (!(c instanceof Augmenter)) throw new Error(`${who}: expected children to be augmenters, but child ${i} is ${c === null ? 'null' : typeof c === 'object' ? (c as object).constructor.name : typeof c}`);
  });
  return children as Augmenter[];
}

/** Children as given to Sequential and SomeOf: nothing, one augmenter or an array. */
export function childrenArray(children: unknown, who: string): Augmenter[] {
  if (children === undefined || children === null) return [];
  if (children instanceof Augmenter) return [children];
  if (Array.isArray(children)) return checkChildren(children, who);
  throw new Error(`${who}: expected children to be an augmenter or an array of augmenters, got ${typeof children}`);
}

/**
 * A child list as one augmenter (imgaug's `handle_children_list`): a Sequential or SomeOf stays as it
 * is, another augmenter or an array becomes a Sequential named `<parent>-<list>`; nothing gives
 * `fallback` (null, or an empty Sequential).
 */
export function handleChildrenList(children: unknown, parentName: string, listName: string, fallback: 'sequential' | null): Augmenter | null {
  const name = `${parentName}-${listName}`;
  if (children === undefined || children === null) return fallback === 'sequential' ? new Sequential([], { name }) : null;
  if (children instanceof Augmenter) return isChildList(children) ? children : new Sequential([children], { name });
  if (Array.isArray(children)) {
    if (children.length === 0 && fallback !== 'sequential') return fallback;
    return new Sequential(checkChildren(children, name), { name });
  }
  throw new Error(`${name}: expected an augmenter, an array of augmenters or nothing, got ${typeof children}`);
}

/** Whether an augmenter is itself a list of children (imgaug's Sequential and SomeOf are Python lists). */
function isChildList(aug: Augmenter): boolean {
  return 'children' in aug && Array.isArray((aug as { children?: unknown }).children) && typeof (aug as { add?: unknown }).add === 'function';
}
