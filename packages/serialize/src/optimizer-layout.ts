/**
 * PyTorch's optimizer state_dict layout, `{ state: { 0: {...}, 1: {...} }, param_groups: [{ ...,
 * params: [0, 1] }] }`, as @x/optim's stateDict() gives it: a plain object, whose keys JavaScript
 * turns into strings. PyTorch's load_state_dict looks `state` up by the int ids in `params`, so a
 * str key '0' would silently leave the state unused: in this layout the keys are written as ints,
 * and the hyperparameters PyTorch keeps as tuples (Adam's betas, Rprop's etas) as tuples.
 */
import { asTuple, isTuple } from './python-values';

const CANONICAL_INDEX = /^(0|[1-9][0-9]{0,14})$/;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Whether x is an optimizer state_dict whose `state` is keyed by parameter ids as strings. */
export function isOptimizerStateDict(x: object): x is { state: Record<string, unknown>; param_groups: Record<string, unknown>[] } {
  if (!isPlainObject(x)) return false;
  const keys = Object.keys(x);
  if (keys.length !== 2 || !keys.includes('state') || !keys.includes('param_groups')) return false;
  const { state, param_groups: groups } = x as { state: unknown; param_groups: unknown };
  if (!isPlainObject(state) || !Object.keys(state).every((k) => CANONICAL_INDEX.test(k))) return false;
  return Array.isArray(groups) && groups.every((g) => isPlainObject(g) && Array.isArray(g.params) && g.params.every((i) => Number.isSafeInteger(i)));
}

/** The same state_dict with int state keys and tuple hyperparameters, in the same key order. */
export function pythonOptimizerStateDict(x: { state: Record<string, unknown>; param_groups: Record<string, unknown>[] }): Map<string, unknown> {
  const state = new Map<number, unknown>(Object.entries(x.state).map(([k, v]) => [Number(k), v]));
  const groups = x.param_groups.map((g) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g)) out[k] = k !== 'params' && Array.isArray(v) && !isTuple(v) ? asTuple([...v]) : v;
    return out;
  });
  return new Map<string, unknown>(Object.keys(x).map((k) => [k, k === 'state' ? state : groups]));
}
