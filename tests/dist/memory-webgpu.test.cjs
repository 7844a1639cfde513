const test = require('node:test');
const define = require('./cases/memory-webgpu.cjs');

define(test, { torch: require('@x/torch'), webgpu: require('webgpu'), createWebGPU: require('@x/backend-webgpu') });
