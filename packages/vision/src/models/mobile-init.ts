/**
 * The initialisation MobileNetV2, MobileNetV3 and EfficientNet share: convolution weights
 * kaiming-normal (fan_out) with zero biases, batch and group norms ones and zeros; each model
 * initialises its linear layers its own way.
 */
import * as nn from '@x/nn';

export function initMobileWeights(model: nn.Module, initLinear: (weight: nn.Parameter, outFeatures: number) => void): void {
  for (const m of model.modules()) {
    if (m instanceof nn.Conv2d) {
      nn.init.kaimingNormal_(m.weight, { mode: 'fan_out' });
      if (m.bias !== null) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
      nn.init.ones_(m.weight!);
      nn.init.zeros_(m.bias!);
    } else if (m instanceof nn.Linear) {
      initLinear(m.weight, m.outFeatures);
      nn.init.zeros_(m.bias!);
    }
  }
}
