/** A module whose forward takes one tensor and returns one: the parts the models are built from. */
import type { Tensor } from '@x/tensor';
import type { Module } from '@x/nn';

export type TensorModule = Module & { forward(x: Tensor): Tensor };
