import test from 'node:test';
import * as torch from '@x/torch';
import define from './cases/porting.cjs';

define(test, { torch });
