/**
 * Layout of the shared control block through which the main thread posts jobs to the workers.
 * Int32 indices relative to the block (which is 64-byte aligned, CONTROL_BYTES long).
 *
 * Protocol (one job at a time, posted by the main thread only):
 *   post:  write KERNEL, ARGS, NPARTS; ERR = 0; DONE = 0; CLAIM = tag(seq) | 0; SEQ = seq; notify SEQ
 *   claim: any thread CASes CLAIM from tag|p to tag|p+1 while p < NPARTS and the tag matches the
 *          sequence number it read; a successful CAS gives it part p of that job
 *   done:  DONE += 1 after each part; whoever makes DONE == NPARTS notifies DONE
 *   close: the main thread, once DONE == NPARTS, sets CLAIM = tag | 0xffff so that a late worker
 *          holding stale parameters can never claim a part (its CAS fails)
 * Parameters are read before the CAS; a successful CAS proves the job was still open, so the
 * parameters read were that job's (the next job's are only written after this one closes).
 */
export const CTL_SEQ = 0; // job sequence number (workers sleep on it)
export const CTL_CLAIM = 16; // (seq & 0xffff) << 16 | next part index
export const CTL_DONE = 17; // parts finished
export const CTL_ERR = 18; // first nonzero x_run result or -2 for a trap, from any worker
export const CTL_KERNEL = 32;
export const CTL_ARGS = 33;
export const CTL_NPARTS = 34;
/** READY[slot] = 1 once the worker in that slot (1..MAX_WORKERS) has instantiated the module. */
export const CTL_READY = 48;
/** QUIT[slot] = 1 tells the worker in that slot to leave its loop (it never claims again). */
export const CTL_QUIT = 48 + 64;
export const MAX_WORKERS = 63;
export const CTL_WORDS = 48 + 128;
export const CONTROL_BYTES = CTL_WORDS * 4;
/** Largest nparts a job may use (part indices live in 16 bits, 0xffff closes a job). */
export const MAX_PARTS = 0xfffe;
