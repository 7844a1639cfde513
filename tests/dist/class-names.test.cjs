const test = require('node:test');
const define = require('./cases/class-names.cjs');

const packages = {};
for (const name of ['@x/tensor', '@x/autograd', '@x/nn', '@x/optim', '@x/data', '@x/serialize', '@x/backend-wasm']) packages[name] = require(name);
define(test, { torch: require('@x/torch'), packages });
