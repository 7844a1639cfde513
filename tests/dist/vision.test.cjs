const test = require('node:test');
const define = require('./cases/vision.cjs');

define(test, { torch: require('@x/torch'), vision: require('@x/vision'), data: require('@x/data') });
