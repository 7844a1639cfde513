import test from 'node:test';
import * as tensor from '@x/tensor';
import * as testing from '@x/tensor/testing';
import define from './cases/testing.cjs';

define(test, { tensor, testing });
