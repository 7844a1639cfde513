/** Python's repr of the lists transforms print (torchvision's reprs show the arguments as Python holds them). */
import { pyNumber } from '@x/nn';

/** A Python list: `[0.5, 1.5]`, each item by `item` (an int-or-float by default). */
export function pyList(xs: readonly number[], item: (x: number) => string = pyNumber): string {
  return `[${xs.map(item).join(', ')}]`;
}
