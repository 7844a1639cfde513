const test = require('node:test');
const define = require('./cases/augment.cjs');

define(test, { torch: require('@x/torch'), augment: require('@x/augment') });
