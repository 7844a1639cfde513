/**
 * timm's model registry: architectures by name, each with its pretrained tags ('resnet34.a1_in1k'),
 * listed with fnmatch wildcards and sorted in timm's natural order. The built-in architectures come
 * from the model families' entrypoint tables (no import side effects, so bundlers can tree-shake);
 * users add their own with registerModel.
 */
import { suggestName, type Tensor } from '@x/tensor';
import type { Module } from '@x/nn';
import { GENERATED_CFGS, TORCHVISION_CFGS } from './generated/pretrained-cfgs';
import { BUILTIN_ENTRYPOINTS } from './models/index';
import { CFG_DEFAULTS, hasWeights, type DefaultCfg, type PretrainedCfg } from './pretrained-cfg';

/** The arguments every builder takes (timm's create_model keywords), and the model's own ones. */
export interface ModelArgs {
  numClasses?: number;
  inChans?: number;
  globalPool?: string;
  dropRate?: number;
  dropPathRate?: number;
  [key: string]: unknown;
}

/** What a builder receives: numClasses and inChans always set (from the cfg, or 3). */
export type BuildArgs = ModelArgs & { numClasses: number; inChans: number };

export type ModelBuilder = (args: BuildArgs) => Module;

/** A model family's table entry: the architecture's name, its timm module and its builder. */
export interface ModelEntrypoint {
  name: string;
  /** timm's module ('resnet', 'vision_transformer'), for listModels' `module`. */
  module: string;
  build: ModelBuilder;
  /** Adapts a checkpoint's state dict to the model before loading (timm's checkpoint_filter_fn). */
  checkpointFilter?: (state: Record<string, Tensor>, model: Module) => Record<string, Tensor>;
  /** Builds the model with its weights from a local file, when its own builder loads them (torchvision's models). */
  loadWeights?: (args: BuildArgs, file: string, cfg: PretrainedCfg) => Promise<Module>;
}

interface Registered extends ModelEntrypoint {
  defaultCfg: DefaultCfg;
}

let registry: Map<string, Registered> | undefined;

function table(): Map<string, Registered> {
  if (registry) return registry;
  registry = new Map();
  for (const e of BUILTIN_ENTRYPOINTS) registry.set(e.name, { ...e, defaultCfg: builtinCfg(e.name) });
  return registry;
}

function builtinCfg(name: string): DefaultCfg {
  const g = GENERATED_CFGS[name] ?? TORCHVISION_CFGS[name];
  if (!g) return { tags: [''], cfgs: { '': {} }, isPretrained: false };
  return { tags: [...g.tags], cfgs: g.cfgs, isPretrained: g.tags.some((t) => hasWeights(g.cfgs[t] ?? {})) };
}

/** 'resnet34.a1_in1k' → ['resnet34', 'a1_in1k']; no tag → ''. */
export function splitModelNameTag(name: string): [string, string] {
  const i = name.indexOf('.');
  return i < 0 ? [name, ''] : [name.slice(0, i), name.slice(i + 1)];
}

/**
 * Registers a model: `cfgs` maps tags to pretrained configs (timm's default_cfgs for one
 * architecture), the first tag being the default; a cfg with a `file` or `url` has weights.
 * Replaces (with a warning) an architecture of the same name.
 */
export function registerModel(name: string, build: ModelBuilder, cfgs: Record<string, Partial<PretrainedCfg>> = { '': {} }, module = 'user'): void {
  if (typeof name !== 'string' || !/^[A-Za-z_][\w-]*$/.test(name)) throw new TypeError(`registerModel: expected a model name of letters, digits, '_' or '-' (no '.', which starts a tag), got ${JSON.stringify(name)}`);
  if (typeof build !== 'function') throw new TypeError(`registerModel('${name}'): expected a builder function (args) => Module, got ${typeof build}`);
  const tags = Object.keys(cfgs);
  if (tags.length === 0) throw new TypeError(`registerModel('${name}'): expected at least one config (use { '': {} } for none)`);
  const t = table();
  if (t.has(name)) console.warn(`registerModel: replacing the registered model '${name}'`);
  t.set(name, { name, module, build, defaultCfg: { tags, cfgs, isPretrained: tags.some((tag) => hasWeights(cfgs[tag]!)) } });
}

/** timm's natural sort key: digits compare as numbers ('resnet18' < 'resnet101'). */
function naturalCompare(a: string, b: string): number {
  const ka = a.toLowerCase().split(/(\d+)/);
  const kb = b.toLowerCase().split(/(\d+)/);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x === y) continue;
    // Odd positions are the digit runs (split with a capture group alternates text, digits).
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** Python's fnmatch (case-sensitive on POSIX): `*`, `?`, `[seq]`, `[!seq]`. */
function fnmatchRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

export interface ListModelsOptions {
  /** Only models (with tags: model.tag names) that have pretrained weights. */
  pretrained?: boolean;
  /** Wildcard filters removing models after `filter` picked them. */
  exclude?: string | string[];
  /** timm module(s) the models must come from ('resnet', 'vision_transformer'). */
  module?: string | string[];
  /** List 'arch.tag' names; defaults to `pretrained`. */
  includeTags?: boolean;
}

/** 'resnet*' also matches 'resnet*.*' when tags are listed (timm's _expand_filter). */
function expandFilter(f: string): string[] {
  return splitModelNameTag(f)[1] ? [f] : [`${f}.*`, f];
}

/**
 * timm's list_models: the registered names matching `filter` (fnmatch wildcards, or several),
 * sorted naturally. With `pretrained`, only those with weights, as 'arch.tag' names.
 */
export function listModels(filter: string | string[] = '', options: ListModelsOptions = {}): string[] {
  const { pretrained = false, exclude = [], module = [], includeTags = pretrained } = options;
  const modules = typeof module === 'string' ? (module ? [module] : []) : module;
  let names: string[] = [];
  const withWeights = new Set<string>();
  for (const r of table().values()) {
    if (modules.length && !modules.includes(r.module)) continue;
    if (!includeTags) {
      names.push(r.name);
      if (r.defaultCfg.isPretrained) withWeights.add(r.name);
      continue;
    }
    for (const tag of r.defaultCfg.tags) {
      const full = tag ? `${r.name}.${tag}` : r.name;
      names.push(full);
      if (hasWeights(r.defaultCfg.cfgs[tag] ?? {})) withWeights.add(full);
    }
  }
  const expand = (fs: string | string[]): string[] => (typeof fs === 'string' ? (fs ? [fs] : []) : fs).flatMap((f) => (includeTags ? expandFilter(f) : [f]));
  const include = expand(filter);
  if (include.length) {
    const res = include.map(fnmatchRegExp);
    names = names.filter((n) => res.some((r) => r.test(n)));
  }
  const excludes = expand(exclude).map(fnmatchRegExp);
  if (excludes.length) names = names.filter((n) => !excludes.some((r) => r.test(n)));
  if (pretrained) names = names.filter((n) => withWeights.has(n));
  return [...new Set(names)].sort(naturalCompare);
}

/** timm's list_pretrained: 'arch.tag' names with weights. */
export function listPretrained(filter: string | string[] = '', exclude: string | string[] = []): string[] {
  return listModels(filter, { pretrained: true, exclude, includeTags: true });
}

/** Whether `name` (with or without a tag) is a registered architecture. */
export function isModel(name: string): boolean {
  return table().has(splitModelNameTag(name)[0]);
}

/** timm's list_modules: the modules the registered models come from. */
export function listModules(): string[] {
  return [...new Set([...table().values()].map((r) => r.module))].sort();
}

/** The registered entry for an architecture, or an Error that suggests the nearest name. */
export function modelEntrypoint(architecture: string): Registered {
  const r = table().get(architecture);
  if (r) return r;
  const near = suggestName(architecture, [...table().keys()]);
  throw new Error(`unknown model '${architecture}'${near ? ` (did you mean '${near}'?)` : ''}; listModels() gives the ${table().size} registered ones`);
}

/**
 * The full pretrained cfg of `arch.tag` (the default tag when there is none): timm's defaults, then
 * the table's entry, then `overlay`.
 */
export function getPretrainedCfg(name: string, overlay: Partial<PretrainedCfg> = {}): PretrainedCfg {
  const [arch, tagGiven] = splitModelNameTag(name);
  const r = modelEntrypoint(arch);
  const tag = tagGiven || r.defaultCfg.tags[0]!;
  const entry = r.defaultCfg.cfgs[tag];
  if (!entry) throw new Error(`model '${arch}' has no pretrained tag '${tag}'; its tags: ${r.defaultCfg.tags.map((t) => `'${t}'`).join(', ')}`);
  return { ...structuredClone(CFG_DEFAULTS), ...structuredClone(entry), ...overlay, architecture: arch, tag } as PretrainedCfg;
}
