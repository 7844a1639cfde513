/**
 * A builder's `normLayer`: what makes a normalisation layer for a number of channels. As in
 * torchvision, a class (`nn.BatchNorm2d`), or a function for one that takes more (`(c) => new
 * nn.GroupNorm(32, c)`, Python's `partial(nn.GroupNorm, 32)`). Built as the ops layers build theirs.
 */
import type { Module } from '@x/nn';
import { buildLayer } from '../ops/layer-factory';
import type { TensorModule } from './tensor-module';

export type NormLayer = (new (numFeatures: number) => Module) | ((numFeatures: number) => Module);

/** A normalisation layer over `channels` channels made by `normLayer`. */
export function makeNorm(normLayer: NormLayer, channels: number): TensorModule {
  return buildLayer(normLayer, channels) as TensorModule;
}
