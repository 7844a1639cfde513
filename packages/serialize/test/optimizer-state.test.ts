/**
 * Optimizer state_dicts saved here in the layout PyTorch's load_state_dict needs (int state keys,
 * tuple hyperparameters), and the once-per-program warning about Python floats, which PyTorch 1.13's
 * weights_only reader refuses. (torch.optim.Adam continuing from such a file: train-epoch.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import '@x/autograd';
import * as nn from '@x/nn';
import { Adam } from '@x/optim';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import { isTuple, loadFromBuffer, registerParameterClass, saveToBuffer } from '../src/index';

registerParameterClass(nn.Parameter);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('optimizer state_dicts', () => {
  it("@x/optim's stateDict() is written with int state keys and tuple betas, as PyTorch's", async () => {
    const model = new nn.Linear(3, 2);
    const opt = new Adam(model.parameters(), { lr: 1e-3 });
    model.forward(torch.randn(4, 3)).sum().backward();
    opt.step();
    const sd = opt.stateDict();
    expect(Object.keys(sd.state)).toEqual(['0', '1']);
    const back = (await loadFromBuffer(await saveToBuffer(sd, { warnFloats: false }))) as { state: Map<number, Record<string, Tensor>>; param_groups: Record<string, unknown>[] };
    expect(back.state).toBeInstanceOf(Map);
    expect([...back.state.keys()]).toEqual([0, 1]);
    expect(back.state.get(0)!.exp_avg!.tolist()).toEqual((sd.state[0]!.exp_avg as Tensor).tolist());
    expect(isTuple(back.param_groups[0]!.betas)).toBe(true);
    expect(isTuple(back.param_groups[0]!.params)).toBe(false);
    expect(back.param_groups[0]!.params).toEqual([0, 1]);
    // And @x/optim loads it back.
    const again = new Adam(model.parameters(), { lr: 1e-3 });
    again.loadStateDict(back);
    expect(((again.stateDict().state[1] as Record<string, Tensor>).step as Tensor).item()).toBe(1);
  });

  it('objects that only look alike keep their str keys', async () => {
    const back = (await loadFromBuffer(await saveToBuffer({ state: { 0: 1 }, param_groups: [{ params: ['a'] }] }))) as { state: Map<string, number> };
    expect([...back.state.keys()]).toEqual(['0']);
  });

  it('a checkpoint holding Python floats warns once, naming where (PyTorch 1.13 weights_only refuses floats)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await saveToBuffer({ lr: 0.5 }, { warnFloats: false });
    expect(warn).not.toHaveBeenCalled();
    await saveToBuffer({ weight: torch.ones(2), hparams: { lr: 0.5 } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/Python floats \(the first at obj\.hparams\.lr\).*weights_only=True.*Unsupported operand 71/);
    await saveToBuffer({ lr: 0.25 });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
