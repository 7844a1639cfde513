/**
 * The model: resnet18 with its pretrained weights, every parameter frozen, then a new fully
 * connected head that alone trains; or a @x/hub (timm) model made with the new head by
 * createModel({ numClasses }), frozen but for its classifier.
 */
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

/** What trains: the classifier of a hub model (timm's get_classifier()), or resnet18's new fc. */
export function headOf(model: torch.nn.Module): torch.nn.Linear {
  const head = 'getClassifier' in model ? (model as torch.hub.TimmModel).getClassifier() : (model as torch.vision.models.ResNet).fc;
  if (!(head instanceof nn.Linear)) throw new Error(`the classifier of this model is a ${head.constructor.name}; fine-tuning here trains a Linear head`);
  return head;
}

/**
 * A hub model (`resnet34`, `test_resnet`, any name torch.hub.listModels() gives) with `numClasses`
 * outputs: from `weights` (a state dict of the same architecture, e.g. timm's, saved by
 * torch.save) through createModel's pretrained path, whose classifier is then fresh; frozen but
 * for that classifier.
 */
export async function finetuneHubModel(name: string, weights: string | null, numClasses: number): Promise<torch.hub.HubModel<torch.hub.TimmModel>> {
  if (!torch.hub.isModel(name)) throw new Error(`--hub-model: unknown model '${name}'; torch.hub.listModels() names them`);
  if (weights !== null && !existsSync(weights)) throw new Error(`--weights: ${weights} does not exist (save ${name}'s weights in Python with torch.save(timm.create_model('${name}').state_dict(), path))`);
  const model = (await torch.hub.createModel(name, { numClasses, pretrained: weights !== null, pretrainedCfgOverlay: weights === null ? undefined : { file: weights } })) as torch.hub.HubModel<torch.hub.TimmModel>;
  setParameterRequiresGrad(model, true);
  for (const param of headOf(model).parameters()) param.requiresGrad = true;
  return model;
}
