/**
 * The seed's first chapter (tensors), line by line. Random tensors are replaced by the values the
 * seed printed, so every line printed here is the line PyTorch prints.
 */
import * as torch from '@x/torch';
import { print } from './print';

export function tensors(): void {
  // Creating tensors
  let x = torch.tensor([[0.7569, 0.4281, 0.4722], [0.9513, 0.5168, 0.1659], [0.4493, 0.2846, 0.4363], [0.5043, 0.9637, 0.1469]]);
  print(x);
  x = torch.zeros(4, 3, { dtype: torch.long });
  print(x);
  x = torch.tensor([5.5, 3]);
  print(x);
  x = x.newOnes(4, 3, { dtype: torch.double });
  print(x);
  x = torch.tensor([[2.7311, -0.072, 0.2497], [-2.3141, 0.0666, -0.5934], [1.5253, 1.0336, 1.3859], [1.3806, -0.6965, -1.2255]]);
  print(x.size());
  print(x.shape.length, x.size(0));

  // Addition: three ways
  const y = torch.tensor([[0.1666, 0.7301, 0.3359], [0.9537, 0.099, 0.5111], [0.6134, 0.7623, 0.1416], [0.8621, 0.3865, 0.7429]]);
  print(x.add(y));
  print(torch.add(x, y));
  y.add_(x);
  print(y);

  // Indexing shares memory with the source
  print(x.index(':', 1));
  const row = x.index(0, ':');
  row.add_(1);
  print(row);
  print(x.index(0, ':'));

  // view / reshape
  x = torch.tensor([[0.7462, 0.3352, 0.6003, 0.6176], [0.4908, 0.8969, 0.0714, 0.4192], [0.5545, 0.2102, 0.8996, 0.6602], [0.1178, 0.7226, 0.1388, 0.0561]]);
  const flat = x.view(16);
  const z = x.view(-1, 8);
  print(flat);
  print(z);
  print(x.size(), flat.size(), z.size());
  x.add_(1);
  print(flat);
  const copy = x.clone().view(16);
  x.sub_(1);
  print(copy);

  // item
  print(torch.tensor([1.4424]).item());

  // Broadcasting
  const a = torch.arange(1, 3).view(1, 2);
  const b = torch.arange(1, 4).view(3, 1);
  print(a);
  print(b);
  print(a.add(b));

  // Reductions and matrix products
  const m = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 });
  print(m.mm(m));
  print(m.sum(), m.mean(), m.max());
  print(m.sum(0), m.argmax(1));
  print(torch.cat([m, m], 1));
  print(m.unsqueeze(0).shape.length, m.norm());
  print(torch.linspace(0, 1, 3), torch.eye(2, 3));
}
