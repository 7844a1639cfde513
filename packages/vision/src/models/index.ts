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
export { DenseNet, _DenseLayer, _DenseBlock, _Transition, densenet121, densenet161, densenet169, densenet201, renameOldDenseNetKeys, initDenseNetWeights, denseBlockForward } from './densenet';
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

// mobilenet v2
export { MobileNetV2, InvertedResidual, mobilenet_v2 } from './mobilenetv2';
export type { MobileNetV2Options } from './mobilenetv2';
export { mobilenet_v2 as mobilenetV2 } from './mobilenetv2';

// mobilenet v3 (its InvertedResidual differs from v2's; exported from the module by name)
export { MobileNetV3, InvertedResidualConfig, mobileNetV3Conf, mobilenet_v3_large, mobilenet_v3_small } from './mobilenetv3';
export type { MobileNetV3Options, MobileNetV3ConfOptions, MobileNetV3BuilderOptions } from './mobilenetv3';
export { mobilenet_v3_large as mobilenetV3Large, mobilenet_v3_small as mobilenetV3Small } from './mobilenetv3';

// efficientnet
export { EfficientNet, MBConv, MBConvConfig, efficientNetConf, efficientnet_b0, efficientnet_b1, efficientnet_b2, efficientnet_b3 } from './efficientnet';
export type { EfficientNetOptions } from './efficientnet';
export { efficientnet_b0 as efficientnetB0, efficientnet_b1 as efficientnetB1, efficientnet_b2 as efficientnetB2, efficientnet_b3 as efficientnetB3 } from './efficientnet';

// mnasnet
export { MNASNet, _InvertedResidual, mnasnet0_5, mnasnet1_0 } from './mnasnet';
export type { MNASNetOptions } from './mnasnet';

// shufflenet v2 (its InvertedResidual differs from mobilenet v2's; exported from the module by name)
export { ShuffleNetV2, channelShuffle, shufflenet_v2_x0_5, shufflenet_v2_x1_0 } from './shufflenetv2';
export type { ShuffleNetV2Options } from './shufflenetv2';
export { shufflenet_v2_x0_5 as shufflenetV2X0_5, shufflenet_v2_x1_0 as shufflenetV2X1_0 } from './shufflenetv2';

// regnet
export { RegNet, BlockParams, SimpleStemIN, BottleneckTransform, ResBottleneckBlock, AnyStage, regnet_y_400mf } from './regnet';
export type { RegNetOptions, BlockParamsInit } from './regnet';
export { regnet_y_400mf as regnetY_400mf } from './regnet';

// convnext
export { ConvNeXt, CNBlock, CNBlockConfig, LayerNorm2d, convnext_tiny } from './convnext';
export type { ConvNeXtOptions } from './convnext';
export { convnext_tiny as convnextTiny } from './convnext';

// vision transformer
export { VisionTransformer, Encoder, EncoderBlock, MLPBlock, renameOldMLPBlockKeys, vit_b_16 } from './vision-transformer';
export type { VisionTransformerOptions, VisionTransformerBuilderOptions, ConvStemConfig } from './vision-transformer';
export { vit_b_16 as vitB_16 } from './vision-transformer';
