/**
 * Pickles an object the way torch.save does (protocol 2): each tensor as
 * `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict())`, its
 * storage as a persistent id ('storage', torch.<Type>Storage, key, location, numel) — one key per
 * storage, so tensors that share a storage share it in the file — parameters wrapped in
 * `_rebuild_parameter`, whole modules (module-codec.ts) and registered classes by NEWOBJ + BUILD. The result is what PyTorch 1.13's
 * `torch.load(weights_only=True)` reads (floats aside: 1.13's weights-only reader lacks BINFLOAT).
 */
import { Tensor, itemSize, type DType, type Storage } from '@x/tensor';
import { codecForObject, isParameterTensor } from './class-registry';
import { locationOfDevice } from './map-location';
import { getModuleCodec, type TorchModuleState } from './module-codec';
import { isOptimizerStateDict, pythonOptimizerStateDict } from './optimizer-layout';
import { dumpValue } from './pickle-dump';
import { OP } from './pickle-opcodes';
import { PickleWriter } from './pickle-writer';
import { PyFloat, asTuple } from './python-values';
import { DTYPE_STORAGE_CLASS } from './storage-types';

export interface SavedStorage {
  readonly key: string;
  readonly storage: Storage;
  readonly dtype: DType;
  readonly numel: number;
}

/** A module attribute from the codec, its tuple and float marks turned into this package's. */
function pythonAttribute(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if ('pyTuple' in v && Array.isArray((v as { pyTuple: unknown }).pyTuple)) return asTuple([...(v as { pyTuple: unknown[] }).pyTuple].map(pythonAttribute));
  if ('pyFloat' in v && typeof (v as { pyFloat: unknown }).pyFloat === 'number') return new PyFloat((v as { pyFloat: number }).pyFloat);
  if (Array.isArray(v)) return v.map(pythonAttribute);
  return v;
}

export interface TorchPickle {
  pickle: Uint8Array;
  storages: SavedStorage[];
  /** Where the first Python float was written (PyTorch 1.13's weights_only reader refuses floats). */
  firstFloat: string | null;
  /** Whether a whole module was pickled (no weights_only reader loads one). */
  hasModule: boolean;
}

export function pickleTorch(obj: unknown): TorchPickle {
  const w = new PickleWriter();
  let firstFloat: string | null = null;
  let hasModule = false;
  const storages = new Map<Storage, SavedStorage>();

  const emptyOrderedDict = (): void => {
    w.global('collections', 'OrderedDict');
    w.op(OP.EMPTY_TUPLE);
    w.op(OP.REDUCE);
  };
  const intTuple = (xs: readonly number[]): void => {
    if (xs.length > 3) w.mark();
    for (const x of xs) w.int(x);
    w.tuple(xs.length);
  };
  const tensor = (t: Tensor, requiresGrad: boolean, p: string): void => {
    t._live();
    let saved = storages.get(t.storage);
    if (saved === undefined) {
      saved = { key: String(storages.size), storage: t.storage, dtype: t.dtype, numel: Math.floor(t.storage.byteLength / itemSize(t.dtype)) };
      storages.set(t.storage, saved);
    } else if (saved.dtype !== t.dtype) {
      // PyTorch refuses this too: a storage has one element type in the file.
      throw new TypeError(`cannot save ${p}: Cannot save multiple tensors or storages that view the same data as different types (${saved.dtype} and ${t.dtype})`);
    }
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.mark();
    w.mark();
    w.str('storage');
    w.global('torch', DTYPE_STORAGE_CLASS[t.dtype]);
    w.str(saved.key);
    w.str(locationOfDevice(t.device));
    w.int(saved.numel);
    w.op(OP.TUPLE);
    w.op(OP.BINPERSID);
    w.int(t.offset);
    intTuple(t.shape);
    intTuple(t.strides);
    w.bool(requiresGrad);
    emptyOrderedDict();
    w.op(OP.TUPLE);
    w.op(OP.REDUCE);
  };

  const newObject = (pythonName: string, x: object): void => {
    // copyreg.__newobj__ (protocol 2): cls.__new__(cls); BUILD then gives its state.
    const dot = pythonName.lastIndexOf('.');
    w.global(pythonName.slice(0, dot), pythonName.slice(dot + 1));
    w.op(OP.EMPTY_TUPLE);
    w.op(OP.NEWOBJ);
    w.put(x);
  };
  const orderedDictOf = (entries: Iterable<[string, unknown]>, dump: (v: unknown, path: string) => void, path: (k: string) => string): void => {
    emptyOrderedDict();
    w.put({});
    let any = false;
    for (const [k, v] of entries) {
      if (!any) w.mark();
      any = true;
      w.str(k);
      dump(v, path(k));
    }
    if (any) w.op(OP.SETITEMS);
  };
  /** A module as torch.save(model) pickles it: its class, then its __dict__ in PyTorch 1.13's order. */
  const moduleObject = (x: object, pythonName: string, s: TorchModuleState, dump: (v: unknown, path: string) => void, p: string): void => {
    newObject(pythonName, x);
    w.op(OP.EMPTY_DICT);
    w.put({});
    w.mark();
    const item = (key: string, write: () => void): void => {
      w.str(key);
      write();
    };
    item('training', () => w.bool(s.training));
    item('_parameters', () => orderedDictOf(s.parameters, dump, (k) => `${p}.${k}`));
    item('_buffers', () => orderedDictOf(s.buffers, dump, (k) => `${p}.${k}`));
    item('_non_persistent_buffers_set', () => dump(new Set(s.nonPersistent), `${p}._non_persistent_buffers_set`));
    for (const hooks of ['_backward_hooks', '_is_full_backward_hook', '_forward_hooks', '_forward_pre_hooks', '_state_dict_hooks', '_load_state_dict_pre_hooks', '_load_state_dict_post_hooks']) {
      item(hooks, () => (hooks === '_is_full_backward_hook' ? w.none() : orderedDictOf([], dump, () => '')));
    }
    item('_modules', () => orderedDictOf(s.modules, dump, (k) => `${p}.${k}`));
    for (const [k, v] of s.attributes) item(k, () => dump(pythonAttribute(v), `${p}.${k}`));
    w.op(OP.SETITEMS);
    w.op(OP.BUILD);
  };

  w.proto(2);
  dumpValue(w, obj, {
    reduce(x, _w, dump, p) {
      if (x instanceof Tensor) {
        if (isParameterTensor(x)) {
          // Parameter.__reduce_ex__: _rebuild_parameter(data, requires_grad, OrderedDict()), data saved without grad.
          w.global('torch._utils', '_rebuild_parameter');
          tensor(x, false, p);
          w.bool(x.requiresGrad);
          emptyOrderedDict();
          w.tuple(3);
          w.op(OP.REDUCE);
        } else {
          tensor(x, x.requiresGrad, p);
        }
        w.put(x);
        return true;
      }
      const modules = getModuleCodec();
      const moduleName = modules?.pythonNameOf(x);
      if (moduleName !== undefined) {
        hasModule = true;
        moduleObject(x, moduleName, modules!.stateOf(x), dump, p);
        return true;
      }
      if (isOptimizerStateDict(x)) {
        dump(pythonOptimizerStateDict(x), p);
        return true;
      }
      const codec = codecForObject(x);
      if (codec === undefined) return false;
      newObject(codec.pythonName, x);
      dump(codec.getState(x), `${p} (state of ${codec.pythonName})`);
      w.op(OP.BUILD);
      return true;
    },
    onFloat(p) {
      firstFloat ??= p;
    },
  });
  w.stop();
  return { pickle: w.finish(), storages: [...storages.values()], firstFloat, hasModule };
}
