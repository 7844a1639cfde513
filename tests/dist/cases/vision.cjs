// @x/vision from the built packages, as an npm user runs it: torch.vision from the umbrella and
// @x/vision alone, a model's printed form and size against torchvision's (the package's fixtures),
// transforms on a tensor and a RawImage, PNG through sharp and back, a corrupt file named in the
// error, and an ImageFolder read by DataLoader workers (which import the built worker modules).
const assert = require('node:assert/strict');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const FIXTURES = join(__dirname, '..', '..', '..', 'packages', 'vision', 'test', 'fixtures');

module.exports = function define(test, { torch, vision, data }) {
  const { models, transforms, io, datasets } = torch.vision;

  test('torch.vision is @x/vision', () => {
    for (const ns of ['io', 'transforms', 'datasets', 'models', 'ops', 'utils']) assert.equal(torch.vision[ns], vision[ns]);
  });

  test("resnet18: torchvision's printed form and parameter count", () => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'models', 'resnet18.json'), 'utf8'));
    const model = models.resnet18();
    assert.equal(String(model), fixture.repr);
    assert.equal([...model.parameters()].reduce((n, p) => n + p.numel(), 0), fixture.num_params);
    assert.equal(String(models.mobilenetV3Small()).split('\n')[0], 'MobileNetV3(');
  });

  test("transforms print as torchvision's and work on tensors and RawImages", () => {
    const { reprs } = JSON.parse(readFileSync(join(FIXTURES, 'transforms.json'), 'utf8'));
    const resize = reprs.find((r) => r.ctor === 'Resize' && r.args.length === 1 && Object.keys(r.kwargs).length === 0);
    assert.equal(String(new transforms.Resize(...resize.args)), resize.repr);
    const pipeline = new transforms.Compose([new transforms.Resize(8), new transforms.CenterCrop(6), new transforms.ConvertImageDtype('float32')]);
    const img = torch.randint(0, 256, [3, 10, 12]).to('uint8');
    assert.deepEqual([...pipeline.forward(img).shape], [3, 6, 6]);
    const raw = vision.tensorToRawImage(img);
    const t = new transforms.ToTensor().forward(raw);
    assert.deepEqual([...t.shape], [3, 10, 12]);
    assert.ok(t.sub(img.to('float32').div(255)).abs().max().item() < 1e-6);
  });

  test('PNG through sharp and back; a corrupt file is named in the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-dist-vision-'));
    try {
      const img = torch.randint(0, 256, [3, 5, 7]).to('uint8');
      const png = join(dir, 'a.png');
      await io.writePng(img, png);
      assert.ok((await io.readImage(png)).equal(img));
      const bad = join(dir, 'bad.png');
      writeFileSync(bad, readFileSync(png).subarray(0, 40));
      await assert.rejects(io.readImage(bad), (e) => e instanceof Error && e.message.includes(bad));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an ImageFolder with a Compose of transforms, read by 2 DataLoader workers', async () => {
    const root = mkdtempSync(join(tmpdir(), 'x-dist-folder-'));
    try {
      for (const cls of ['cat', 'dog']) {
        mkdirSync(join(root, cls));
        for (let i = 0; i < 3; i++) await io.writePng(torch.randint(0, 256, [3, 6, 6]).to('uint8'), join(root, cls, `${i}.png`));
      }
      const transform = new transforms.Compose([new transforms.PILToTensor(), new transforms.ConvertImageDtype('float32'), new transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);
      const folder = new datasets.ImageFolder(root, { transform });
      assert.deepEqual(folder.classes, ['cat', 'dog']);
      const batches = async (numWorkers) => {
        const out = [];
        for await (const [x, y] of new data.DataLoader(folder, { batchSize: 4, numWorkers })) out.push([x.tolist(), y.tolist()]);
        return out;
      };
      const serial = await batches(0);
      assert.equal(serial.length, 2);
      assert.deepEqual(await batches(2), serial);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
};
