/** PyTorch's warnings.warn: printed once per message, as Python's default filter does. */
const seen = new Set<string>();

export function warn(message: string): void {
  if (seen.has(message)) return;
  seen.add(message);
  if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') process.emitWarning(message, 'UserWarning');
  else console.warn(`UserWarning: ${message}`);
}
