/**
 * timm's _init_weight_goog (TensorFlow's EfficientNet/MnasNet initialisation): convolutions normal
 * with std sqrt(2 / fan_out), fan_out counted per group; batch norms ones and zeros; linear layers
 * uniform in ±1/sqrt(fan_out) with zero biases.
 */
import * as nn from '@x/nn';

export function efficientnetInitWeights(model: nn.Module): void {
  for (const m of model.modules()) {
    if (m instanceof nn.Conv2d) {
      const fanOut = Math.floor((m.kernelSize[0]! * m.kernelSize[1]! * m.outChannels) / m.groups);
      nn.init.normal_(m.weight, 0, Math.sqrt(2 / fanOut));
      if (m.bias) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.BatchNorm2d) {
      if (m.weight) nn.init.ones_(m.weight);
      if (m.bias) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.Linear) {
      const initRange = 1 / Math.sqrt(m.weight.size(0));
      nn.init.uniform_(m.weight, -initRange, initRange);
      if (m.bias) nn.init.zeros_(m.bias);
    }
  }
}
