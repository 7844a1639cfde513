import test from 'node:test';
import * as torch from '@x/torch';
import define from './cases/memory.cjs';

define(test, { torch, esm: true });
