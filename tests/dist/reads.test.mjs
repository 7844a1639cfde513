import test from 'node:test';
import * as torch from '@x/torch';
import define from './cases/reads.cjs';

define(test, { torch });
