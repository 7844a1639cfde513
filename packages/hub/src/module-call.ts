/**
 * Runs a module whose class is known only as nn.Module (a layer chosen at build time, a Sequential's
 * item) on one tensor: nn.Module's abstract forward takes `never[]`, so the call is typed here once.
 */
import type { Tensor } from '@x/tensor';
import type { Module } from '@x/nn';

export function forwardTensor(m: Module, x: Tensor): Tensor {
  return (m as unknown as { forward(x: Tensor): Tensor }).forward(x);
}
