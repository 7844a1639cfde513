/**
 * Source of the worker threads, as plain JavaScript text (no imports, no bundler involvement:
 * it is run with `new Worker(src, { eval: true })` in Node and from a Blob URL in browsers).
 * Control block indices are substituted from control.ts so both sides share one definition.
 */
import {
  CTL_ARGS,
  CTL_CLAIM,
  CTL_DONE,
  CTL_ERR,
  CTL_KERNEL,
  CTL_NPARTS,
  CTL_QUIT,
  CTL_READY,
  CTL_SEQ,
  CTL_WORDS,
} from './control.js';

/** Message a worker receives once at start. */
export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** byte offset of the control block */
  ctl: number;
  /** initial stack pointer (top of this worker's stack region) */
  stackTop: number;
  /** worker slot, 1 .. MAX_WORKERS (0 is the main thread) */
  index: number;
  /** Atomics.load polls on SEQ before sleeping in Atomics.wait */
  spin: number;
}

const CORE = `
function xWorkerMain(d, report) {
  var SEQ = ${CTL_SEQ}, CLAIM = ${CTL_CLAIM}, DONE = ${CTL_DONE}, ERR = ${CTL_ERR};
  var KERNEL = ${CTL_KERNEL}, ARGS = ${CTL_ARGS}, NPARTS = ${CTL_NPARTS};
  var READY = ${CTL_READY} + d.index, QUIT = ${CTL_QUIT} + d.index;
  var I = new Int32Array(d.memory.buffer, d.ctl, ${CTL_WORDS});
  var run, sp;
  try {
    var inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory } });
    sp = inst.exports.__stack_pointer;
    sp.value = d.stackTop;
    run = inst.exports.x_run;
  } catch (e) {
    report('worker ' + d.index + ' could not instantiate the module: ' + (e && e.message || e));
    return;
  }
  Atomics.store(I, READY, 1);
  Atomics.notify(I, READY);
  var seen = Atomics.load(I, SEQ);
  var spin = d.spin;
  for (;;) {
    var s = Atomics.load(I, SEQ);
    if (s === seen) {
      for (var i = 0; i < spin && s === seen; i++) s = Atomics.load(I, SEQ);
      if (s === seen) {
        if (Atomics.load(I, QUIT) !== 0) return;
        Atomics.wait(I, SEQ, seen);
        continue;
      }
    }
    seen = s;
    if (Atomics.load(I, QUIT) !== 0) return;
    var kernel = I[KERNEL], args = I[ARGS], nparts = I[NPARTS];
    var tag = (s & 0xffff) << 16;
    for (;;) {
      var w = Atomics.load(I, CLAIM);
      if ((w & 0xffff0000) !== tag) break;
      var p = w & 0xffff;
      if (p >= nparts) break;
      if (Atomics.compareExchange(I, CLAIM, w, w + 1) !== w) continue;
      var rc;
      try { rc = run(kernel, args, p, nparts); } catch (e) { rc = -2; sp.value = d.stackTop; }
      if (rc !== 0) Atomics.compareExchange(I, ERR, 0, rc);
      if (Atomics.add(I, DONE, 1) + 1 === nparts) Atomics.notify(I, DONE);
    }
  }
}
`;

/**
 * Worker source for Node's worker_threads (`eval: true`, init passed as workerData). Eval'd code
 * runs as CommonJS or, when the parent has --input-type=module, as ESM: dynamic import() works
 * in both.
 */
export const NODE_WORKER_SOURCE = `${CORE}
import('node:worker_threads').then(function (wt) {
  xWorkerMain(wt.workerData, function (msg) { wt.parentPort.postMessage({ error: msg }); });
});
`;

/** Worker source for Web Workers (init passed as the first message). */
export const WEB_WORKER_SOURCE = `${CORE}
self.onmessage = function (e) {
  self.onmessage = null;
  xWorkerMain(e.data, function (msg) { self.postMessage({ error: msg }); });
};
`;
