const test = require('node:test');
const define = require('./cases/testing.cjs');

define(test, { tensor: require('@x/tensor'), testing: require('@x/tensor/testing') });
