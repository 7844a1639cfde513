/**
 * Whole models (torch.save(model)) with @x/nn's module codec installed, as @x/torch installs it:
 * @x/nn's layers and registered classes are pickled as PyTorch pickles them and rebuilt from the
 * registry; PyTorch 1.13 loads what is saved here (torch.load(f), weights_only=False: the only way it
 * loads a module) into its own classes with the same outputs, and the other way round. Anything
 * outside the registry is refused, naming the class.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '@x/autograd';
import * as nn from '@x/nn';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import {
  SerializationError, UnpicklingError, load, loadFromBuffer, registerModuleCodec, registerParameterClass, save, saveToBuffer,
} from '../src/index';
import { ZipReader } from '../src/zip-reader';
import { ZipWriter } from '../src/zip-writer';
import { memorySource } from '../src/byte-source';
import { expectClose, expectedModels, fixture, pytorchWholeModel, tempDir, tensorFromDescription, torchUnavailable } from './helpers';

registerParameterClass(nn.Parameter);
registerModuleCodec(nn.moduleCodec);
const noTorch = torchUnavailable();
if (noTorch !== null) console.log(`skipping the PyTorch whole-model checks: ${noTorch}`);

const run = (m: nn.Module, x: Tensor): Tensor => (m as unknown as { forward(x: Tensor): Tensor }).forward(x);

/** tools/gen_serialize_fixtures.py's SmallCNN, the same fields in the same order. */
class SmallCNN extends nn.Module {
  conv1 = new nn.Conv2d(1, 4, 3, { padding: 1 });
  bn1 = new nn.BatchNorm2d(4);
  conv2 = new nn.Conv2d(4, 8, 3, { stride: 2 });
  fc = new nn.Linear(8 * 3 * 3, 10);
  forward(x: Tensor): Tensor {
    const h = (this.bn1.forward(this.conv1.forward(x)) as Tensor).relu();
    const g = this.conv2.forward(h).relu();
    return this.fc.forward(g.flatten(1));
  }
}

/** torchvision.models.resnet.BasicBlock, as torchvision 0.14 writes it. */
class BasicBlock extends nn.Module {
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  relu = new nn.ReLU(true);
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  downsample: nn.Module | null;
  stride: number;
  constructor(inplanes = 1, planes = 1, stride = 1, downsample: nn.Module | null = null) {
    super();
    this.conv1 = new nn.Conv2d(inplanes, planes, 3, { stride, padding: 1, bias: false });
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = new nn.Conv2d(planes, planes, 3, { padding: 1, bias: false });
    this.bn2 = new nn.BatchNorm2d(planes);
    this.downsample = downsample;
    this.stride = stride;
  }
  forward(x: Tensor): Tensor {
    const out = this.bn2.forward(this.conv2.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)) as Tensor))) as Tensor;
    const identity = this.downsample === null ? x : run(this.downsample, x);
    return this.relu.forward(out.add(identity));
  }
}

/** torchvision.models.resnet.ResNet's forward; its layers come from the file. */
class ResNet extends nn.Module {
  conv1 = new nn.Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false });
  bn1 = new nn.BatchNorm2d(64);
  relu = new nn.ReLU(true);
  maxpool = new nn.MaxPool2d(3, 2, 1);
  layer1 = new nn.Sequential();
  layer2 = new nn.Sequential();
  layer3 = new nn.Sequential();
  layer4 = new nn.Sequential();
  avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
  fc = new nn.Linear(512, 1000);
  inplanes = 64;
  forward(x: Tensor): Tensor {
    let h = this.maxpool.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)) as Tensor)) as Tensor;
    for (const layer of [this.layer1, this.layer2, this.layer3, this.layer4]) h = layer.forward(h) as Tensor;
    return this.fc.forward((this.avgpool.forward(h) as Tensor).flatten(1));
  }
}

/**
 * The seed tutorial's Model(net): its constructor takes the network it wraps (PyTorch's unpickler
 * never calls it; `new Model()` leaves `net` unset, and the file gives it).
 */
class Model extends nn.Module {
  net: nn.Module;
  relu = new nn.ReLU();
  dropout = new nn.Dropout(0.5);
  fc_add = new nn.Linear(1001, 10, true);
  output = new nn.Softmax({ dim: 1 });
  constructor(net: nn.Module) {
    super();
    this.net = net;
  }
  forward(x: Tensor, addVariable: Tensor): Tensor {
    const h = run(this.net, x);
    const joined = torch.cat([this.dropout.forward(this.relu.forward(h) as Tensor) as Tensor, addVariable.unsqueeze(1)], 1);
    return this.output.forward(this.fc_add.forward(joined) as Tensor) as Tensor;
  }
}

/** A Model whose constructor cannot run without its argument: loading makes it without calling it. */
class StrictModel extends nn.Module {
  net: nn.Module;
  width: number;
  constructor(net: nn.Module) {
    super();
    if (!(net instanceof nn.Module)) throw new TypeError('StrictModel needs the network it wraps');
    this.net = net;
    this.width = 3;
  }
  forward(x: Tensor): Tensor {
    return run(this.net, x).mul(this.width);
  }
}

/** One of every layer the codec knows, with settings off their defaults where a layer has them. */
function everyLayer(): nn.ModuleDict {
  torch.manualSeed(5);
  const bnOff = new nn.BatchNorm1d(3, { affine: false, trackRunningStats: false });
  const dict = new nn.ModuleDict({
    identity: new nn.Identity(),
    linear: new nn.Linear(4, 3),
    linear_nobias: new nn.Linear(4, 3, false),
    bilinear: new nn.Bilinear(2, 3, 4),
    flatten: new nn.Flatten(0, 2),
    unflatten: new nn.Unflatten(1, [2, 3]),
    conv1d: new nn.Conv1d(2, 4, 3, { stride: 2, padding: 1, groups: 2 }),
    conv2d: new nn.Conv2d(2, 4, [3, 5], { padding: 'same', dilation: 2, paddingMode: 'reflect', bias: false }),
    conv2d_valid: new nn.Conv2d(1, 2, 3, { padding: 'valid' }),
    convt1d: new nn.ConvTranspose1d(2, 3, 3, { stride: 2, outputPadding: 1 }),
    convt2d: new nn.ConvTranspose2d(2, 3, 3, { padding: 1 }),
    relu: new nn.ReLU(true),
    relu6: new nn.ReLU6(),
    hardtanh: new nn.Hardtanh(-2, 2.5),
    leaky: new nn.LeakyReLU(0.2),
    prelu: new nn.PReLU(3),
    elu: new nn.ELU(0.5),
    celu: new nn.CELU(2),
    selu: new nn.SELU(),
    gelu: new nn.GELU('tanh'),
    silu: new nn.SiLU(),
    mish: new nn.Mish(),
    hardswish: new nn.Hardswish(),
    hardsigmoid: new nn.Hardsigmoid(),
    sigmoid: new nn.Sigmoid(),
    tanh: new nn.Tanh(),
    logsigmoid: new nn.LogSigmoid(),
    softsign: new nn.Softsign(),
    tanhshrink: new nn.Tanhshrink(),
    softplus: new nn.Softplus(2, 10),
    threshold: new nn.Threshold(0.1, 20),
    glu: new nn.GLU(1),
    softmax: new nn.Softmax(1),
    logsoftmax: new nn.LogSoftmax(-1),
    softmin: new nn.Softmin(0),
    softmax2d: new nn.Softmax2d(),
    bn1d: new nn.BatchNorm1d(3, { momentum: null }),
    bn1d_off: bnOff,
    bn2d: new nn.BatchNorm2d(4, { eps: 1e-3 }),
    bn3d: new nn.BatchNorm3d(2),
    in1d: new nn.InstanceNorm1d(3),
    in2d: new nn.InstanceNorm2d(3, { affine: true, trackRunningStats: true }),
    in3d: new nn.InstanceNorm3d(2),
    layernorm: new nn.LayerNorm([2, 3]),
    groupnorm: new nn.GroupNorm(2, 4),
    dropout: new nn.Dropout(0.25),
    dropout1d: new nn.Dropout1d(),
    dropout2d: new nn.Dropout2d(0.1),
    dropout3d: new nn.Dropout3d(),
    embedding: new nn.Embedding(5, 3, { paddingIdx: 1, maxNorm: 2 }),
    cosine: new nn.CosineSimilarity(0, 1e-6),
    pairwise: new nn.PairwiseDistance(1, 1e-5, true),
    maxpool1d: new nn.MaxPool1d(3, 2, 1),
    maxpool2d: new nn.MaxPool2d([2, 3], { ceilMode: true }),
    avgpool1d: new nn.AvgPool1d(2),
    avgpool2d: new nn.AvgPool2d(3, 1, 1, { countIncludePad: false, divisorOverride: 4 }),
    adaptiveavg1d: new nn.AdaptiveAvgPool1d(4),
    adaptiveavg2d: new nn.AdaptiveAvgPool2d([null, 3]),
    adaptivemax2d: new nn.AdaptiveMaxPool2d(2, true),
    maxunpool2d: new nn.MaxUnpool2d(2),
    sequential: new nn.Sequential(new nn.Linear(2, 2), new nn.Tanh()),
    named_sequential: new nn.Sequential(new Map<string, nn.Module>([['fc', new nn.Linear(2, 1)], ['act', new nn.Sigmoid()]])),
    list: new nn.ModuleList([new nn.ReLU(), new nn.Linear(1, 1)]),
  });
  // Off their defaults: batch statistics, and one layer in eval mode.
  (dict.get('bn2d') as nn.BatchNorm2d).forward(torch.randn(3, 4, 2, 2));
  dict.get('dropout2d')!.eval();
  return dict;
}

function expectSameModule(a: nn.Module, b: nn.Module): void {
  expect(b.constructor).toBe(a.constructor);
  expect(String(b)).toBe(String(a));
  const sa = a.stateDict();
  const sb = b.stateDict();
  expect(Object.keys(sb)).toEqual(Object.keys(sa));
  for (const k of Object.keys(sa)) {
    expect(sb[k]!.dtype).toBe(sa[k]!.dtype);
    expect(sb[k]!.tolist()).toEqual(sa[k]!.tolist());
  }
  expect([...b.modules()].map((m) => m.training)).toEqual([...a.modules()].map((m) => m.training));
  for (const p of b.parameters()) expect(p).toBeInstanceOf(nn.Parameter);
}

describe('whole models', () => {
  it('every @x/nn layer the codec knows is saved whole and comes back the same', async () => {
    const model = everyLayer();
    const back = (await loadFromBuffer(await saveToBuffer(model))) as nn.ModuleDict;
    expectSameModule(model, back);
  });

  it('shared submodules stay shared; a module inside other data is saved too', async () => {
    const shared = new nn.Linear(2, 2);
    const model = new nn.Sequential(shared, new nn.ReLU(), shared);
    const back = (await loadFromBuffer(await saveToBuffer({ epoch: 3, model }))) as { epoch: number; model: nn.Sequential };
    expect(back.epoch).toBe(3);
    expect(back.model.at(0)).toBe(back.model.at(2));
  });

  it.skipIf(noTorch !== null)('PyTorch 1.13 loads them into its own classes, with the same repr', async () => {
    const dir = tempDir();
    await save(everyLayer(), join(dir, 'every.pth'));
    await save(torch.zeros(1), join(dir, 'unused_input.pth'));
    const r = pytorchWholeModel(join(dir, 'every.pth'), '-');
    expect(r.repr).toBe(String(everyLayer()));
    expect(r.classes.linear).toBe('torch.nn.modules.linear.Linear');
    expect(r.classes['sequential.0']).toBe('torch.nn.modules.linear.Linear');
    expect(r.training.dropout2d).toBe(false);
    expect(r.training.dropout).toBe(true);
  });

  it.skipIf(noTorch !== null)('a model saved whole here gives the same logits in PyTorch', async () => {
    torch.manualSeed(11);
    const model = new nn.Sequential(
      new nn.Conv2d(1, 4, 3, { padding: 1 }), new nn.BatchNorm2d(4), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.Conv2d(4, 6, 3, { padding: 'same', paddingMode: 'replicate' }), new nn.GELU('tanh'), new nn.AdaptiveAvgPool2d([2, 2]),
      new nn.Flatten(), new nn.Dropout(0.5), new nn.Linear(24, 16), new nn.LayerNorm(16), new nn.LeakyReLU(0.1), new nn.Linear(16, 5), new nn.LogSoftmax(1),
    );
    run(model, torch.randn(6, 1, 8, 8));
    const x = torch.randn(3, 1, 8, 8);
    const dir = tempDir();
    await save(model, join(dir, 'model.pth'));
    await save(x, join(dir, 'input.pth'));
    const r = pytorchWholeModel(join(dir, 'model.pth'), join(dir, 'input.pth'));
    expect(r.repr).toBe(String(model));
    expectClose(tensorFromDescription(r.logits), run(model.eval(), x));
  });

  it("PyTorch's whole Sequential loads as @x/nn layers, with PyTorch's logits", async () => {
    const model = (await load(fixture('whole_sequential.pth'))) as nn.Sequential;
    expect(model).toBeInstanceOf(nn.Sequential);
    expect([...model.children()].map((m) => m.constructor)).toEqual([nn.Conv2d, nn.ReLU, nn.MaxPool2d, nn.Flatten, nn.Linear]);
    expect(String(model.at(0))).toBe('Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))');
    const { input, logits } = expectedModels().whole_sequential!;
    expectClose(run(model.eval(), tensorFromDescription(input)), tensorFromDescription(logits));
  });

  it('an unregistered __main__ class is refused, naming it and pointing to state_dict(); registered, it loads', async () => {
    const err = (await load(fixture('whole_small_cnn.pth')).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(UnpicklingError);
    expect(err.message).toMatch(/GLOBAL __main__\.SmallCNN was refused.*nn\.registerModuleClass\(SmallCNN\).*state_dict\(\)/s);
    nn.registerModuleClass(SmallCNN);
    const model = (await load(fixture('whole_small_cnn.pth'))) as SmallCNN;
    expect(model).toBeInstanceOf(SmallCNN);
    expect(model.training).toBe(true);
    const { input, logits } = expectedModels().small_cnn!;
    expectClose(model.eval().forward(tensorFromDescription(input)), tensorFromDescription(logits));
  });

  it.skipIf(noTorch !== null)('a registered class saved here loads in PyTorch as its own class of that name', async () => {
    nn.registerModuleClass(SmallCNN);
    torch.manualSeed(2);
    const model = new SmallCNN();
    model.forward(torch.randn(4, 1, 8, 8));
    const x = torch.randn(2, 1, 8, 8);
    const dir = tempDir();
    await save(model, join(dir, 'net.pth'));
    await save(x, join(dir, 'input.pth'));
    const r = pytorchWholeModel(join(dir, 'net.pth'), join(dir, 'input.pth'));
    expect(r.classes['']).toBe('gen_serialize_fixtures.SmallCNN');
    expect(r.classes.bn1).toBe('torch.nn.modules.batchnorm.BatchNorm2d');
    expectClose(tensorFromDescription(r.logits), model.eval().forward(x));
  });

  it("torchvision's resnet18 (widths / 16) loads into registered ResNet/BasicBlock classes, and back into PyTorch", async () => {
    nn.registerModuleClass(ResNet, { pythonName: 'torchvision.models.resnet.ResNet' });
    nn.registerModuleClass(BasicBlock, { pythonName: 'torchvision.models.resnet.BasicBlock' });
    const model = (await load(fixture('whole_resnet.pth'))) as ResNet;
    expect(model).toBeInstanceOf(ResNet);
    expect(model.layer2.at(0)).toBeInstanceOf(BasicBlock);
    expect((model.layer2.at(0) as BasicBlock).downsample).toBeInstanceOf(nn.Sequential);
    expect((model.layer1.at(0) as BasicBlock).downsample).toBeNull();
    expect((model.layer2.at(0) as BasicBlock).stride).toBe(2);
    expect(model.fc.outFeatures).toBe(10);
    const { input, logits } = expectedModels().whole_resnet!;
    const x = tensorFromDescription(input);
    expectClose(model.eval().forward(x), tensorFromDescription(logits));
    if (noTorch !== null) return;
    const dir = tempDir();
    await save(model, join(dir, 'resnet.pth'));
    await save(x, join(dir, 'input.pth'));
    const r = pytorchWholeModel(join(dir, 'resnet.pth'), join(dir, 'input.pth'));
    expect(r.classes['']).toBe('torchvision.models.resnet.ResNet');
    expect(r.classes['layer3.1']).toBe('torchvision.models.resnet.BasicBlock');
    expectClose(tensorFromDescription(r.logits), tensorFromDescription(logits));
  });
});

/** Rewrites data.pkl of a checkpoint (re-zipped, so CRCs match): how the malicious files below are made. */
async function withPickle(bytes: Uint8Array, edit: (pickle: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const zip = await ZipReader.open(memorySource(bytes));
  const chunks: Uint8Array[] = [];
  const out = new ZipWriter((c) => void chunks.push(c.slice()));
  for (const name of zip.entries.keys()) {
    const data = await zip.read(name);
    await out.add(name, name.endsWith('data.pkl') ? edit(data) : data);
  }
  await out.finish();
  return Buffer.concat(chunks);
}

function replaceBytes(b: Uint8Array, from: string | RegExp, to: string): Uint8Array {
  const s = Buffer.from(b).toString('latin1');
  expect(s.search(from)).toBeGreaterThanOrEqual(0);
  return Buffer.from(s.replace(from, to), 'latin1');
}

// The pickled `in_features` value: BINUNICODE 'in_features', BINPUT n, BININT1 2.
const IN_FEATURES_2 = /(in_featuresq[\s\S])K\x02/;

describe("whole models whose constructor takes a submodule (the seed's Model(net))", () => {
  it("PyTorch's whole Model(net) loads here with PyTorch's outputs; saved here, it loads in PyTorch with the same", async () => {
    nn.registerModuleClass(Model);
    const model = (await load(fixture('whole_seed_model.pth'))) as Model;
    expect(model).toBeInstanceOf(Model);
    expect([...model.namedChildren()].map(([k]) => k)).toEqual(['net', 'relu', 'dropout', 'fc_add', 'output']);
    expect(model.net).toBeInstanceOf(nn.Sequential);
    expect(String(model.fc_add)).toBe('Linear(in_features=1001, out_features=10, bias=True)');
    const m = expectedModels().whole_seed_model as unknown as Record<'input' | 'add_variable' | 'logits', unknown>;
    const x = tensorFromDescription(m.input);
    const addVariable = tensorFromDescription(m.add_variable);
    const logits = tensorFromDescription(m.logits);
    expectClose(model.eval().forward(x, addVariable), logits);

    // Saved again here, and a Model(net) built here: both load in PyTorch as its Model with the same outputs.
    const back = (await loadFromBuffer(await saveToBuffer(model))) as Model;
    expectClose(back.eval().forward(x, addVariable), logits);
    if (noTorch !== null) return;
    const dir = tempDir();
    await save(model, join(dir, 'model.pth'));
    await save([x, addVariable], join(dir, 'inputs.pth'));
    const r = pytorchWholeModel(join(dir, 'model.pth'), join(dir, 'inputs.pth'));
    expect(r.classes['']).toBe('gen_serialize_fixtures.Model');
    expect(r.classes.net).toBe('torch.nn.modules.container.Sequential');
    expect(r.classes.fc_add).toBe('torch.nn.modules.linear.Linear');
    expectClose(tensorFromDescription(r.logits), logits);

    torch.manualSeed(3);
    const mine = new Model(new nn.Sequential(new nn.Conv2d(1, 1, 3), new nn.ReLU(), new nn.Flatten(), new nn.Linear(16, 1000)));
    await save(mine, join(dir, 'mine.pth'));
    const r2 = pytorchWholeModel(join(dir, 'mine.pth'), join(dir, 'inputs.pth'));
    expect(r2.classes['']).toBe('gen_serialize_fixtures.Model');
    expectClose(tensorFromDescription(r2.logits), mine.eval().forward(x, addVariable));
  });

  it('a class whose constructor throws without its arguments is made without it, as PyTorch unpickles', async () => {
    nn.registerModuleClass(StrictModel);
    torch.manualSeed(4);
    const model = new StrictModel(new nn.Linear(2, 2));
    model.width = 5;
    const back = (await loadFromBuffer(await saveToBuffer(model))) as StrictModel;
    expect(back).toBeInstanceOf(StrictModel);
    expect(back.width).toBe(5);
    expect(back.net).toBeInstanceOf(nn.Linear);
    const x = torch.randn(3, 2);
    expect(back.forward(x).tolist()).toEqual(model.forward(x).tolist());
  });
});

describe('whole models: what is refused', () => {
  it('os.system is still refused with the module codec installed', async () => {
    await expect(load(fixture('malicious.pth'))).rejects.toThrow(/GLOBAL posix\.system was refused/);
  });

  it('a module class outside the registry (an @x/nn layer the codec lacks, a torchvision class) is refused by name', async () => {
    const linear = await saveToBuffer(new nn.Linear(2, 2));
    // Same length names, so the pickle's framing stays valid.
    const lstm = await withPickle(linear, (p) => replaceBytes(p, 'torch.nn.modules.linear\nLinear', 'torch.nn.modules.rnn\nLSTMCellX'));
    await expect(loadFromBuffer(lstm)).rejects.toThrow(/GLOBAL torch\.nn\.modules\.rnn\.LSTMCellX was refused.*state_dict\(\)/s);
    const resnet = readFileSync(fixture('whole_resnet.pth'));
    // A fresh program: the registered torchvision classes are not known to a codec that never had them.
    registerModuleCodec({ ...nn.moduleCodec, knows: (n: string) => n.startsWith('torch.nn.') && nn.moduleCodec.knows(n) });
    try {
      await expect(loadFromBuffer(resnet)).rejects.toThrow(/GLOBAL torchvision\.models\.resnet\.ResNet was refused.*registerModuleClass\(ResNet, \{ pythonName: 'torchvision\.models\.resnet\.ResNet' \}\)/s);
    } finally {
      registerModuleCodec(nn.moduleCodec);
    }
  });

  it('attributes that do not fit the layer, or tensors that do not fit its attributes, are SerializationErrors', async () => {
    const linear = await saveToBuffer(new nn.Linear(2, 3));
    // in_features 2 → 200: the weight in the file no longer fits, refused before anything is built.
    const lying = await withPickle(linear, (p) => replaceBytes(p, IN_FEATURES_2, '$1K\xc8'));
    await expect(loadFromBuffer(lying)).rejects.toThrow(SerializationError);
    await expect(loadFromBuffer(lying)).rejects.toThrow(/Linear's weight is of shape \[3, 2\], but its attributes make one of shape \[3, 200\]/);
    const wrongType = await withPickle(linear, (p) => replaceBytes(p, IN_FEATURES_2, '$1\x88'));
    await expect(loadFromBuffer(wrongType)).rejects.toThrow(/in_features = true, expected int/);
  });

  it("names from the file never become methods or the prototype: '__proto__', 'forward'", async () => {
    const seq = await saveToBuffer(new nn.Sequential(new Map<string, nn.Module>([['abcdefghi', new nn.ReLU()], ['zyxwvut', new nn.Tanh()]])));
    const proto = await withPickle(seq, (p) => replaceBytes(p, 'abcdefghi', '__proto__'));
    await expect(loadFromBuffer(proto)).rejects.toThrow(/Sequential has a child named '__proto__', which cannot be a field of Sequential/);
    const forward = await withPickle(seq, (p) => replaceBytes(p, 'zyxwvut', 'forward'));
    await expect(loadFromBuffer(forward)).rejects.toThrow(/child named 'forward'/);
  });

  it('mutated whole-model pickles load or fail with a SerializationError, nothing else', async () => {
    torch.manualSeed(4);
    const seed = await saveToBuffer(new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.ReLU(), new nn.Flatten(), new nn.Linear(2, 2, false)));
    let state = 12345;
    const rand = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const failures: string[] = [];
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = await withPickle(seed, (p) => {
        const b = p.slice();
        for (let k = 1 + rand(3); k > 0; k--) b[rand(b.length)] = rand(256);
        return b;
      });
      try {
        await loadFromBuffer(bytes);
      } catch (e) {
        if (e instanceof SerializationError) refused++;
        else failures.push(`case ${i}: ${(e as Error).constructor.name}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(100);
  });

  it('saving a module whose class is unknown names it and its place', async () => {
    class Block extends nn.Module {
      fc = new nn.Linear(2, 2);
      forward(x: Tensor): Tensor {
        return this.fc.forward(x);
      }
    }
    await expect(saveToBuffer(new nn.Sequential(new nn.ReLU(), new Block()))).rejects.toThrow(/class Block at obj\.1: .*nn\.registerModuleClass\(Block\).*stateDict\(\)/);
    expect(existsSync(fixture('whole_model.pth'))).toBe(true);
    expect(await load(fixture('whole_model.pth'))).toBeInstanceOf(nn.Linear);
  });
});
