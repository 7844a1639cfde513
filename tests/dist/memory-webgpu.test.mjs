import test from 'node:test';
import * as webgpu from 'webgpu';
import * as createWebGPU from '@x/backend-webgpu';
import * as torch from '@x/torch';
import define from './cases/memory-webgpu.cjs';

define(test, { torch, webgpu, createWebGPU });
