// @x/hub from the built packages, as an npm user runs it: torch.hub from the umbrella and @x/hub
// alone, timm's printed form of resnet34 (the package's fixture), the seed's createModel call on a
// local checkpoint with the first convolution adapted, listModels, a download from a local server
// into the cache, and hub.load on a local directory.
const assert = require('node:assert/strict');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const FIXTURES = join(__dirname, '..', '..', '..', 'packages', 'hub', 'test', 'fixtures');

module.exports = function define(test, { torch, hub }) {
  test('torch.hub is @x/hub', () => {
    for (const f of ['createModel', 'listModels', 'listPretrained', 'registerModel', 'load', 'list', 'resolveDataConfig', 'createTransform']) assert.equal(torch.hub[f], hub[f]);
  });

  test("resnet34 prints as timm's; listModels sorts as timm", () => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'models', 'resnet34.json'), 'utf8'));
    const model = hub.createModel('resnet34');
    assert.equal(String(model), fixture.repr);
    assert.equal([...model.parameters()].reduce((n, p) => n + p.numel(), 0), fixture.num_params);
    assert.deepEqual(hub.listModels('resnet1*'), ['resnet18', 'resnet18d', 'resnet101', 'resnet101d', 'resnet152', 'resnet152d']);
    assert.equal(model.pretrainedCfg.tag, 'a1_in1k');
  });

  test("the seed's call on a local checkpoint: conv1 summed to 1 channel, a fresh 10-class fc", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-dist-hub-'));
    try {
      const source = hub.createModel('test_resnet');
      const file = join(dir, 'test_resnet.pth');
      await torch.save(source.stateDict(), file);
      const model = await hub.createModel('test_resnet', { pretrained: true, numClasses: 10, inChans: 1, pretrainedCfgOverlay: { file } });
      const sd = model.stateDict();
      assert.ok(sd['conv1.0.weight'].equal(source.stateDict()['conv1.0.weight'].sum(1, true)));
      assert.deepEqual([...sd['fc.weight'].shape], [10, source.fc.inFeatures]);
      assert.ok(sd['layer1.0.conv1.weight'].equal(source.stateDict()['layer1.0.conv1.weight']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a download from a local server goes into the cache, and is found there with the server gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-dist-hub-'));
    const body = new Uint8Array(50_000).map((_, i) => i % 251);
    const server = createServer((req, res) => res.writeHead(200, { 'Content-Length': body.length }).end(body));
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${server.address().port}/w.bin`;
      const dest = join(dir, 'w.bin');
      await hub.downloadFile(url, dest, { progress: false });
      assert.deepEqual(new Uint8Array(readFileSync(dest)), body);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hub.load and hub.list on a local directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-dist-hubconf-'));
    try {
      writeFileSync(join(dir, 'hubconf.cjs'), "exports.double = (x) => 2 * x;\nexports._hidden = () => 0;\n");
      assert.deepEqual(await hub.list(dir), ['double']);
      assert.equal(await hub.load(dir, 'double', 21), 42);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
};
