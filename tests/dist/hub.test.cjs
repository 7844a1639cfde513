const test = require('node:test');
const define = require('./cases/hub.cjs');

define(test, { torch: require('@x/torch'), hub: require('@x/hub') });
