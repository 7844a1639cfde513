/**
 * Hyperparameter names: camelCase in TypeScript (`weightDecay`), PyTorch's snake_case in state
 * dicts (`weight_decay`), so a checkpoint reads the same on both sides.
 */

/** weightDecay → weight_decay, initialLr → initial_lr, _stepCount → _step_count, TMax → T_max. */
export function toSnake(key: string): string {
  // PyTorch's capitalised names (T_max, T_0, T_mult, T_i, T_cur) keep their capital.
  const m = /^(_?)T([A-Z0-9].*)$/.exec(key);
  if (m) return `${m[1]}T_${toSnake(m[2]!.charAt(0).toLowerCase() + m[2]!.slice(1))}`;
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** weight_decay → weightDecay, T_max → TMax, _step_count → _stepCount. */
export function toCamel(key: string): string {
  const m = /^(_?)T_(.*)$/.exec(key);
  if (m) {
    const rest = toCamel(m[2]!);
    return `${m[1]}T${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
  }
  return key.replace(/(?<=[A-Za-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
