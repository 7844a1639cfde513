import test from 'node:test';
import * as torch from '@x/torch';
import * as vision from '@x/vision';
import * as data from '@x/data';
import define from './cases/vision.cjs';

define(test, { torch, vision, data });
