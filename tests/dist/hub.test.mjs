import test from 'node:test';
import * as torch from '@x/torch';
import * as hub from '@x/hub';
import define from './cases/hub.cjs';

define(test, { torch, hub });
