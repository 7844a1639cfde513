import { describe, expect, expectTypeOf, it } from 'vitest';
import * as torch from '@x/tensor';
import '@x/autograd';
import { Linear, LSTM, ReLU, Sequential } from '../src/index';

describe('Sequential.forward is typed', () => {
  it('takes and returns a Tensor, so a model built of Sequentials needs no cast', () => {
    const net = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
    const y = net.forward(torch.ones(5, 4));
    expectTypeOf(y).toEqualTypeOf<torch.Tensor>();
    expectTypeOf(net.forward).parameter(0).toEqualTypeOf<torch.Tensor>();
    expect(y.shape).toEqual([5, 2]);
  });

  it('names other input and output types where a chain passes something else (an LSTM returns [output, [h, c]])', () => {
    const net = new Sequential<torch.Tensor, [torch.Tensor, [torch.Tensor, torch.Tensor]]>(new LSTM(4, 3));
    const [output, [h, c]] = net.forward(torch.ones(2, 1, 4));
    expect([output.shape, h.shape, c.shape]).toEqual([[2, 1, 3], [1, 1, 3], [1, 1, 3]]);
  });
});
