// @x/tensor/testing as a backend package outside this repository loads it: from dist/testing.js and
// dist/testing.cjs it finds the fixtures/ops.json the package ships, shares the library's module (one
// registry, one Tensor class), and runs the conformance cases with no test framework.
const assert = require('node:assert/strict');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

module.exports = function define(test, { tensor, testing }) {
  test('finds fixtures/ops.json beside dist/ in the package', () => {
    const file = testing.fixturesPath();
    assert.ok(existsSync(file), file);
    const root = path.dirname(path.dirname(file)); // the package: <root>/fixtures/ops.json
    assert.equal(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name, '@x/tensor');
    assert.ok(existsSync(path.join(root, 'dist', 'testing.cjs')));
    const { torch: version, cases } = testing.loadFixtures();
    assert.match(version, /^1\.13/);
    assert.ok(cases.length > 1000, `${cases.length} cases`);
  });

  test('uses the library module itself: its tensors are the library\'s, its backends register there', () => {
    const t = testing.decodeTensor({ shape: [2, 2], dtype: 'int64', data: [1, 2, 3, 4] });
    assert.ok(t instanceof tensor.Tensor);
    assert.deepEqual(testing.encodeTensor(t), { shape: [2, 2], dtype: 'int64', data: [1, 2, 3, 4] });
    const backend = new testing.AsyncReferenceBackend();
    tensor.registerBackend(backend);
    assert.equal(tensor.findBackend('async-reference'), backend);
    assert.equal(testing.AsyncReferenceBackend.name, 'AsyncReferenceBackend');
  });

  // All cases on the reference backend; on the async one (each read waits a task), the ops with async forms.
  const ASYNC_OPS = new Set(['Tensor.item', 'nonzero', 'masked_select', 'unique', 'repeat_interleave', 'equal', 'allclose', 'getitem', 'setitem', 'index_put_']);
  for (const [name, device] of [['reference', 'cpu'], ['async-reference', 'asyncref']]) {
    test(`the cases conform on the '${name}' backend, known gaps aside`, async () => {
      const backend = tensor.findBackend(name) ?? new testing.AsyncReferenceBackend();
      tensor.setBackend(name);
      tensor.setDefaultDevice(device);
      try {
        const failures = [];
        let ran = 0;
        for (const c of testing.loadFixtures().cases) {
          if (testing.knownGap(c.name, backend)) continue;
          // the suite skips what the backend refuses; here, cases that name float64 on the async one
          if (name === 'async-reference' && (!ASYNC_OPS.has(c.op) || JSON.stringify(c).includes('float64'))) continue;
          ran++;
          const problems = await testing.runCase(c, name);
          if (problems.length > 0) failures.push(`${c.name}: ${problems.join('; ')}`);
        }
        assert.deepEqual(failures, []);
        assert.ok(ran > 50, `${ran} cases ran`);
      } finally {
        tensor.setDefaultDevice('cpu');
      }
    });
  }
};
