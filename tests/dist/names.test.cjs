const test = require('node:test');
const define = require('./cases/names.cjs');

define(test, { torch: require('@x/torch') });
