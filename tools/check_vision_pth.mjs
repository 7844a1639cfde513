// The @x side of tools/check_vision_pth.py, on the built packages: builds models[NAME] with `weights`
// the .pth PyTorch wrote in DIR, runs the saved input in eval mode, and prints how far its logits are
// from PyTorch's, as JSON.
const [dir, name] = process.argv.slice(2);
const torch = await import(new URL('../packages/torch/dist/index.js', import.meta.url).href);
const model = await torch.vision.models[name]({ weights: `${dir}/${name}.pth` });
model.eval();
const { input, logits } = await torch.load(`${dir}/${name}.check.pth`);
const ours = torch.noGrad(() => model.forward(input));
console.log(JSON.stringify({
  name,
  maxDiff: ours.sub(logits).abs().max().item(),
  maxAbs: logits.abs().max().item(),
  argmaxEqual: ours.argmax(1).equal(logits.argmax(1)),
}));
process.exit(0);
