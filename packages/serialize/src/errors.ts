/**
 * The errors a reader or writer throws on purpose. Every failure to read a file — corrupt, truncated,
 * lying about its sizes, or asking to run code — is one of these, so a caller can tell "bad file"
 * from a bug.
 */

/** A file that is not what it claims to be: corrupt, truncated, or of an unsupported kind. */
export class SerializationError extends Error {
  override name = 'SerializationError';
}

/**
 * The pickle asked for something loading must never do, as PyTorch's `weights_only=True` refuses it:
 * an import of a global outside the allowlist (`os.system`, `builtins.eval`, …) or a call the
 * allowlist does not permit. The message names the global.
 */
export class UnpicklingError extends SerializationError {
  override name = 'UnpicklingError';
}

/** Throws a SerializationError unless cond holds. */
export function check(cond: unknown, message: string | (() => string)): asserts cond {
  if (!cond) throw new SerializationError(typeof message === 'string' ? message : message());
}
