const test = require('node:test');
const define = require('./cases/reads.cjs');

define(test, { torch: require('@x/torch') });
