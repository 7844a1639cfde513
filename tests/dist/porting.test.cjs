const test = require('node:test');
const define = require('./cases/porting.cjs');

define(test, { torch: require('@x/torch') });
