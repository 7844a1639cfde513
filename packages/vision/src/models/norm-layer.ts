/**
 * A builder's `normLayer`: what makes a normalisation layer for a number of channels. As in
 * torchvision, a class (`nn.BatchNorm2d`), or a function for one that takes more (`(c) => new
 * nn.GroupNorm(32, c)`, Python's `partial(nn.GroupNorm, 32)`).
 */
import { Module } from '@x/nn';
import type { TensorModule } from './tensor-module';

export type NormLayer = (new (numFeatures: number) => Module) | ((numFeatures: number) => Module);

/** A normalisation layer over `channels` channels made by `normLayer`. */
export function makeNorm(normLayer: NormLayer, channels: number): TensorModule {
  const isClass = typeof normLayer === 'function' && normLayer.prototype instanceof Module;
  const layer = isClass ? new (normLayer as new (n: number) => Module)(channels) : (normLayer as (n: number) => Module)(channels);
  if (!(layer instanceof Module)) throw new TypeError(`normLayer(${channels}) must make an nn.Module, got ${String(layer)}`);
  return layer as TensorModule;
}
