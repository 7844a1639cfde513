import test from 'node:test';
import * as torch from '@x/torch';
import * as augment from '@x/augment';
import define from './cases/augment.cjs';

define(test, { torch, augment });
