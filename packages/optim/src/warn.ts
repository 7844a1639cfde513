/** Python's warnings.warn(message, UserWarning), printed the way Node users see warnings. */
export function warn(message: string): void {
  console.warn(`UserWarning: ${message}`);
}
