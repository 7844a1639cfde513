/**
 * timm's load_pretrained: finds the weights of a pretrained cfg (its `file`; else the cache; else a
 * download from the Hugging Face Hub id or the URL), adapts them to the model made (the first
 * convolution to inChans; the classifier dropped when numClasses differs, leaving the model's fresh
 * one), and loads them.
 */
import { existsSync } from 'node:fs';
import type { Tensor } from '@x/tensor';
import type { Module } from '@x/nn';
import { hasWeights, type PretrainedCfg } from '../pretrained-cfg';
import { adaptInputConv, InputConvNotAdaptable } from './adapt-input-conv';
import { cachedPath, getDir, hfHubUrl, type WeightsSource } from './cache';
import { downloadFile, type DownloadOptions } from './download';
import { readStateDict } from './read-state-dict';

export interface WeightsSourceOptions {
  /** Where downloads are cached (default: hub.getDir()). */
  cacheDir?: string;
  /** The download's progress bar (see DownloadOptions.progress). */
  progress?: DownloadOptions['progress'];
  /** Check the SHA-256 a cfg gives (default true). */
  checkHash?: boolean;
}

export interface LoadPretrainedOptions extends WeightsSourceOptions {
  numClasses: number;
  inChans: number;
  filter?: (state: Record<string, Tensor>, model: Module) => Record<string, Tensor>;
}

/** The downloadable sources of a cfg, preferred first: the Hub's safetensors, then the URL (timm's order). */
function remoteSources(cfg: PretrainedCfg): WeightsSource[] {
  const out: WeightsSource[] = [];
  if (cfg.hfHubId) out.push({ kind: 'hf-hub', id: cfg.hfHubId, filename: 'model.safetensors', url: hfHubUrl(cfg.hfHubId, 'model.safetensors') });
  if (cfg.url) out.push({ kind: 'url', url: cfg.url });
  return out;
}

const name = (cfg: PretrainedCfg): string => (cfg.tag ? `${cfg.architecture}.${cfg.tag}` : cfg.architecture);

/** The local path of a cfg's weights, downloading them into the cache when they are not there. */
export async function resolveWeightsFile(cfg: PretrainedCfg, options: WeightsSourceOptions = {}): Promise<string> {
  if (cfg.file) {
    if (!existsSync(cfg.file)) throw new Error(`${name(cfg)}: the weights file ${cfg.file} (pretrainedCfgOverlay.file) does not exist`);
    return cfg.file;
  }
  if (!hasWeights(cfg)) throw new Error(`${name(cfg)}: no pretrained weights are known for this model; use pretrained: false, or give a file with pretrainedCfgOverlay: { file }`);
  const cacheDir = options.cacheDir ?? getDir();
  const sources = remoteSources(cfg);
  for (const s of sources) {
    const p = cachedPath(cacheDir, s);
    if (existsSync(p)) return p;
  }
  const failures: string[] = [];
  for (const s of sources) {
    const p = cachedPath(cacheDir, s);
    try {
      return await downloadFile(s.url, p, { sha256: options.checkHash === false ? undefined : cfg.sha256, progress: options.progress });
    } catch (e) {
      if ((e as Error).message.includes('SHA-256 mismatch')) throw e;
      failures.push(`${s.url} → ${p}: ${(e as Error).message}`);
    }
  }
  throw new Error(
    `${name(cfg)}: pretrained weights are not cached under ${cacheDir} and could not be downloaded:\n  ${failures.join('\n  ')}\n` +
      `Download the file on a connected machine into that path, or give a local file with pretrainedCfgOverlay: { file }.`,
  );
}

/** Loads the cfg's weights into `model`, adapted as the file's comment says. */
export async function loadPretrained(model: Module, cfg: PretrainedCfg, options: LoadPretrainedOptions): Promise<void> {
  const path = await resolveWeightsFile(cfg, options);
  let state = await readStateDict(path);
  if (options.filter) state = options.filter(state, model);
  let strict = true;
  if (cfg.firstConv && options.inChans !== 3) {
    for (const conv of [cfg.firstConv].flat()) {
      const key = `${conv}.weight`;
      const w = state[key];
      if (!w) continue;
      try {
        state[key] = adaptInputConv(options.inChans, w);
      } catch (e) {
        if (!(e instanceof InputConvNotAdaptable)) throw e;
        delete state[key];
        strict = false;
        console.warn(`${name(cfg)}: cannot convert the pretrained ${conv} weights to ${options.inChans} channels (${e.message}); that layer keeps its random initialisation`);
      }
    }
  }
  if (cfg.classifier) {
    const classifiers = [cfg.classifier].flat();
    if (options.numClasses !== cfg.numClasses) {
      // A different head: the model keeps the classifier it was made with (freshly initialised).
      for (const c of classifiers) {
        delete state[`${c}.weight`];
        delete state[`${c}.bias`];
      }
      strict = false;
    } else if ((cfg.labelOffset ?? 0) > 0) {
      // Weights with a background class first (1001 outputs) for a 1000-class model.
      for (const c of classifiers) {
        const off = cfg.labelOffset!;
        for (const suffix of ['weight', 'bias']) {
          const t = state[`${c}.${suffix}`];
          if (t) state[`${c}.${suffix}`] = t.narrow(0, off, t.shape[0]! - off);
        }
      }
    }
  }
  model.loadStateDict(state, { strict });
}
