"""The fine-tuning round trip through PyTorch: torchvision's resnet18 weights saved by PyTorch,
fine-tuned by examples/finetune, loaded back into torchvision's resnet18 (fc = Linear(512, 4)); or
with --hub-model NAME, timm's model NAME (tools/hub_timm.py) saved by PyTorch, fine-tuned by the
example's --hub-model path, loaded back into timm.create_model(NAME, num_classes=4).

Checks that PyTorch's eval-mode logits on the batch the example evaluated equal the example's
(within 1e-4), that fc changed and every frozen parameter did not. Run with /usr/bin/python3 from
anywhere; arguments after the tool's own go to the example (e.g. --per-class 20 --image-size 64).
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import torch
import torchvision

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
TOLERANCE = 1e-4


def fine_tune(weights, out, example_args):
    command = ['pnpm', '--filter', '@x/example-finetune', 'start', '--weights', str(weights),
               '--output-dir', str(out), '--progress', 'lines', *example_args]
    print('$', ' '.join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--keep', metavar='DIR', help='write everything to DIR and keep it (default: a temporary folder)')
    parser.add_argument('--hub-model', metavar='NAME', help="a timm model instead of torchvision's resnet18 (e.g. resnet34)")
    args, example_args = parser.parse_known_args()
    if args.hub_model:
        from hub_timm import timm
        make = lambda num_classes=None: timm.create_model(args.hub_model, **({} if num_classes is None else {'num_classes': num_classes}))  # noqa: E731
        head = make().pretrained_cfg['classifier']
        example_args = ['--hub-model', args.hub_model, *example_args]
    else:
        def make(num_classes=None):
            model = torchvision.models.resnet18(weights=None)
            if num_classes is not None:
                model.fc = torch.nn.Linear(512, num_classes)
            return model
        head = 'fc'

    with tempfile.TemporaryDirectory(prefix='finetune-roundtrip-') as tmp:
        work = Path(args.keep or tmp).resolve()
        work.mkdir(parents=True, exist_ok=True)
        torch.manual_seed(0)
        original = make()
        weights = work / f'{args.hub_model or "resnet18"}.pth'
        torch.save(original.state_dict(), weights)
        fine_tune(weights, work / 'output', example_args)

        state = torch.load(work / 'output' / 'finetuned.pth', weights_only=True)
        model = make(4)
        model.load_state_dict(state)
        model.eval()
        check = torch.load(work / 'output' / 'check.pth', weights_only=True)
        with torch.no_grad():
            logits = model(check['inputs'])

        diff = (logits - check['logits']).abs().max().item()
        print(f"PyTorch loaded {len(state)} tensors from finetuned.pth; batch {tuple(check['inputs'].shape)}")
        print(f'max |logits(PyTorch) - logits(@x)| = {diff:.3e} (tolerance {TOLERANCE:g})')
        print(f"predictions agree: {torch.equal(logits.argmax(1), check['logits'].argmax(1))}")

        frozen = [name for name, _ in original.named_parameters() if not name.startswith(f'{head}.')]
        changed = [name for name in frozen if not torch.equal(state[name], original.state_dict()[name])]
        fc_moved = {name: (state[f'{head}.{name}'] - check[f'fc_{name}_before']).abs().max().item() for name in ('weight', 'bias')}
        print(f'frozen parameters unchanged: {len(frozen) - len(changed)} of {len(frozen)}')
        print(f"{head} changed: max |after - before| weight {fc_moved['weight']:.3e}, bias {fc_moved['bias']:.3e}")
        # model.train() updates BatchNorm's running statistics even with frozen parameters, as in PyTorch.
        buffers = [name for name, _ in original.named_buffers() if name.endswith('running_mean')]
        moved = sum(not torch.equal(state[name], original.state_dict()[name]) for name in buffers)
        print(f'BatchNorm running means updated by training mode: {moved} of {len(buffers)}')

        failures = [f'logits differ by {diff:.3e}'] if not diff <= TOLERANCE else []
        failures += [f'frozen parameter changed: {name}' for name in changed]
        failures += [f'{head}.{name} did not change' for name, d in fc_moved.items() if d == 0]
        for failure in failures:
            print('FAIL:', failure)
        print('round trip OK' if not failures else 'round trip FAILED')
        return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
