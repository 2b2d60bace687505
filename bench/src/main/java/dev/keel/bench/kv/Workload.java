package dev.keel.bench.kv;

/** What a {@code keel-bench kv} run sends. */
enum Workload {
  /** Put of a random key in the key space. */
  PUT,
  /** Range (get) of a random key in the key space, linearizable or serializable. */
  RANGE,
  /** Compare-and-swap txn: if mod_revision(key) is the last one seen, put, else get. */
  TXN,
  /** Paced puts to one key, watched by N watchers: latency from put to event delivery. */
  WATCH
}
