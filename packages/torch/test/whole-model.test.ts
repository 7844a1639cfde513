/** torch.save(model) / torch.load through the umbrella, which installs @x/nn's module codec. */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/torch';

const { nn } = torch;

describe('torch.save / torch.load of whole models', () => {
  it('an @x/nn model comes back as the same layers with the same outputs', async () => {
    torch.manualSeed(0);
    const model = new nn.Sequential(new nn.Conv2d(1, 6, 5), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(6 * 4 * 4, 10));
    const path = join(mkdtempSync(join(tmpdir(), 'x-torch-')), 'model.pth');
    await torch.save(model, path);
    const back = (await torch.load(path)) as typeof model;
    expect(String(back)).toBe(String(model));
    expect(back.at(4)).toBeInstanceOf(nn.Linear);
    expect((back.at(4) as InstanceType<typeof nn.Linear>).weight).toBeInstanceOf(nn.Parameter);
    const x = torch.randn(2, 1, 12, 12);
    expect((back.forward(x) as torch.Tensor).tolist()).toEqual((model.forward(x) as torch.Tensor).tolist());
  });

  it('nn.registerModuleClass lets a model class be saved whole; without it the error says to save stateDict()', async () => {
    class Net extends nn.Module {
      fc = new nn.Linear(4, 2);
      scale = 0.5;
      forward(x: torch.Tensor): torch.Tensor {
        return this.fc.forward(x).mul(this.scale);
      }
    }
    const net = new Net();
    net.scale = 2;
    await expect(torch.saveToBuffer(net)).rejects.toThrow(/nn\.registerModuleClass\(Net\).*stateDict\(\)/);
    nn.registerModuleClass(Net);
    const back = (await torch.loadFromBuffer(await torch.saveToBuffer(net))) as Net;
    expect(back).toBeInstanceOf(Net);
    expect(back.scale).toBe(2);
    expect(back.fc.weight.tolist()).toEqual(net.fc.weight.tolist());
  });
});
