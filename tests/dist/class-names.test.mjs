import test from 'node:test';
import * as torch from '@x/torch';
import * as tensor from '@x/tensor';
import * as autograd from '@x/autograd';
import * as nn from '@x/nn';
import * as optim from '@x/optim';
import * as data from '@x/data';
import * as serialize from '@x/serialize';
import * as backendWasm from '@x/backend-wasm';
import define from './cases/class-names.cjs';

define(test, { torch, packages: { '@x/tensor': tensor, '@x/autograd': autograd, '@x/nn': nn, '@x/optim': optim, '@x/data': data, '@x/serialize': serialize, '@x/backend-wasm': backendWasm } });
