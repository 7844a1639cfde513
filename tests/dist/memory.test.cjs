const test = require('node:test');
const torch = require('@x/torch');
const define = require('./cases/memory.cjs');

define(test, { torch, esm: false });
