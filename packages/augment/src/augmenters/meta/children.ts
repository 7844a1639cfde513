/** How Sometimes and WithChannels take a list of children: as one augmenter. */
import { Augmenter } from '../base';
import { checkChildren } from './child-array';
import { ChildListAugmenter } from './child-list';
import { Sequential } from './sequential';

/**
 * A child list as one augmenter (imgaug's `handle_children_list`): a Sequential or SomeOf stays as it
 * is, another augmenter or an array becomes a Sequential named `<parent>-<list>`; nothing gives
 * `fallback` (null, or an empty Sequential).
 */
export function handleChildrenList(children: unknown, parentName: string, listName: string, fallback: 'sequential' | null): Augmenter | null {
  const name = `${parentName}-${listName}`;
  if (children === undefined || children === null) return fallback === 'sequential' ? new Sequential([], { name }) : null;
  if (children instanceof Augmenter) return children instanceof ChildListAugmenter ? children : new Sequential([children], { name });
  if (Array.isArray(children)) {
    if (children.length === 0 && fallback !== 'sequential') return fallback;
    return new Sequential(checkChildren(children, name), { name });
  }
  throw new Error(`${name}: expected an augmenter, an array of augmenters or nothing, got ${typeof children}`);
}
