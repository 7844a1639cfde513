/** The seed's network for Fashion-MNIST: two convolution blocks, then two fully connected layers. */
import * as torch from '@x/torch';
import { nn } from '@x/torch';

export class Net extends nn.Module {
  conv = new nn.Sequential(
    new nn.Conv2d(1, 32, 5),
    new nn.ReLU(),
    new nn.MaxPool2d(2, { stride: 2 }),
    new nn.Dropout(0.3),
    new nn.Conv2d(32, 64, 5),
    new nn.ReLU(),
    new nn.MaxPool2d(2, { stride: 2 }),
    new nn.Dropout(0.3),
  );

  fc = new nn.Sequential(new nn.Linear(64 * 4 * 4, 512), new nn.ReLU(), new nn.Linear(512, 10));

  forward(x: torch.Tensor): torch.Tensor {
    const features = this.conv.forward(x) as torch.Tensor;
    return this.fc.forward(features.view(-1, 64 * 4 * 4)) as torch.Tensor;
  }
}
