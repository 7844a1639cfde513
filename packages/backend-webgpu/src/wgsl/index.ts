/**
 * The shared WGSL layer every kernel builds on: storage conventions per dtype (storage.ts), strided
 * views and bindings (views.ts), kernel parameters (params.ts), casts (convert.ts), emulated int64
 * (int64.ts) and the snippet library (library.ts). Read the contract at the top of each file before
 * writing a kernel.
 */
export * from './storage';
export * from './views';
export * from './params';
export * from './convert';
export * from './library';
