/** The model: resnet18 with its pretrained weights, every parameter frozen, then a new fully connected head that alone trains. */
import { existsSync } from 'node:fs';
import * as torch from '@x/torch';

const { nn } = torch;
const { models } = torch.vision;

/** Freezes every parameter when extracting features: they keep their values, only layers made afterwards train. */
export function setParameterRequiresGrad(model: torch.nn.Module, featureExtracting: boolean): void {
  if (featureExtracting) for (const param of model.parameters()) param.requiresGrad = false;
}

/** resnet18 from `weights` (a PyTorch state dict) or randomly initialised, frozen, with `fc` replaced by Linear(512, numClasses). */
export async function finetuneModel(weights: string | null, numClasses: number): Promise<torch.vision.models.ResNet> {
  if (weights !== null && !existsSync(weights)) throw new Error(`--weights: ${weights} does not exist (save resnet18's weights in Python with torch.save(model.state_dict(), path))`);
  const featureExtract = true;
  const model = weights === null ? models.resnet18() : await models.resnet18({ weights });
  setParameterRequiresGrad(model, featureExtract);
  const numFtrs = model.fc.inFeatures;
  model.fc = new nn.Linear(numFtrs, numClasses, { bias: true });
  return model;
}
