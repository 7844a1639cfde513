/** The network: two convolution blocks, then two fully connected layers. */
import { nn, type Tensor } from '@x/torch';

export class Net extends nn.Module {
  conv = new nn.Sequential(
    new nn.Conv2d(1, 32, 5), new nn.ReLU(), new nn.MaxPool2d(2, { stride: 2 }), new nn.Dropout(0.3),
    new nn.Conv2d(32, 64, 5), new nn.ReLU(), new nn.MaxPool2d(2, { stride: 2 }), new nn.Dropout(0.3),
  );

  fc = new nn.Sequential(new nn.Linear(64 * 4 * 4, 512), new nn.ReLU(), new nn.Linear(512, 10));

  forward(x: Tensor): Tensor {
    x = this.conv.forward(x);
    x = x.view(-1, 64 * 4 * 4);
    return this.fc.forward(x);
  }
}
