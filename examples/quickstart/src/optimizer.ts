/**
 * The seed's optimizer walkthrough (INVENTORY §8, "实际操作"), line by line: one SGD step with
 * momentum, zero_grad, param groups, state_dict before and after 50 steps, save and load. The seed's
 * random weights are its printed values; `id(a) == id(b)` is printed as a comparison (ids differ per run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@x/torch';
import { print } from './print';

export async function optimizer(): Promise<void> {
  const weight = torch.tensor([[-0.3077, -0.1808], [-0.7462, -1.5556]], { requiresGrad: true });
  weight.grad = torch.ones([2, 2]);
  print(`The data of weight before step:\n${weight.data}`);
  print(`The grad of weight before step:\n${weight.grad}`);

  const optimizer = new torch.optim.SGD([weight], { lr: 0.1, momentum: 0.9 });
  optimizer.step();
  print(`The data of weight after step:\n${weight.data}`);
  print(`The grad of weight after step:\n${weight.grad}`);

  optimizer.zeroGrad();
  print(`The grad of weight after optimizer.zero_grad():\n${weight.grad}`);

  print('optimizer.params_group is \n', optimizer.paramGroups);
  print('weight in optimizer is weight:', optimizer.paramGroups[0]!.params[0] === weight);

  const weight2 = torch.tensor([[0.4539, -2.1901, -0.6662], [0.663, -1.5178, -0.8708], [-2.0222, 1.4573, 0.8657]], { requiresGrad: true });
  optimizer.addParamGroup({ params: weight2, lr: 0.0001, nesterov: true });
  print('optimizer.param_groups is\n', optimizer.paramGroups);

  const optStateDict = optimizer.stateDict();
  print('state_dict before step:\n', optStateDict);

  for (let i = 0; i < 50; i++) optimizer.step();
  print('state_dict after step:\n', optimizer.stateDict());

  const dir = mkdtempSync(join(tmpdir(), 'quickstart-'));
  try {
    const path = join(dir, 'optimizer_state_dict.pkl');
    await torch.save(optimizer.stateDict(), path);
    print('----------done-----------');
    const stateDict = (await torch.load(path)) as Parameters<typeof optimizer.loadStateDict>[0];
    optimizer.loadStateDict(stateDict);
    print('load state_dict successfully\n', stateDict);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  print('\n', optimizer.defaults);
  print('\n', optimizer.state.get(weight));
  print('\n', optimizer.paramGroups);
}
