/**
 * torchvision.models: the builders (`models.resnet18({ numClasses: 10 })`, also under camelCase
 * names: `models.wideResnet50_2`) and the model classes, with torchvision's state-dict keys and repr.
 */
export type { WeightsOptions, WithWeights } from './weights';
export type { Builder } from './builder';
export type { NormLayer } from './norm-layer';

// resnet
export { ResNet, BasicBlock, Bottleneck, resnet18, resnet34, resnet50, resnet101, resnet152, resnext50_32x4d, wide_resnet50_2 } from './resnet';
export type { ResNetOptions, BlockOptions, ResNetBlock } from './resnet';
export { wide_resnet50_2 as wideResnet50_2 } from './resnet';

// alexnet, vgg
export { AlexNet, alexnet } from './alexnet';
export type { AlexNetOptions } from './alexnet';
export { VGG, makeLayers, VGG_CONFIGS, vgg11, vgg11_bn, vgg13, vgg13_bn, vgg16, vgg16_bn, vgg19, vgg19_bn } from './vgg';
export { vgg11_bn as vgg11Bn, vgg13_bn as vgg13Bn, vgg16_bn as vgg16Bn, vgg19_bn as vgg19Bn } from './vgg';
export type { VGGOptions, VGGConfig } from './vgg';

// squeezenet
export { SqueezeNet, Fire, squeezenet1_0, squeezenet1_1 } from './squeezenet';
export type { SqueezeNetOptions, SqueezeNetVersion } from './squeezenet';

// densenet
export { DenseNet, _DenseLayer, _DenseBlock, _Transition, densenet121, densenet161, densenet169, densenet201 } from './densenet';
export type { DenseNetOptions } from './densenet';

// inception_v3, googlenet
export { BasicConv2d } from './basic-conv2d';
export type { BasicConv2dOptions, ConvBlock } from './basic-conv2d';
export { InceptionOutputs, GoogLeNetOutputs } from './model-outputs';
export { Inception3, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux, inception_v3 } from './inception';
export { inception_v3 as inceptionV3 } from './inception';
export type { Inception3Options, InceptionBlocks } from './inception';
export { GoogLeNet, Inception, InceptionAux as GoogLeNetInceptionAux, googlenet } from './googlenet';
export type { GoogLeNetOptions, GoogLeNetBlocks } from './googlenet';
