package dev.keel.kvstore.mvcc;

import java.util.List;

/**
 * Which branch a txn takes, and recursively which branch each nested txn of that branch takes.
 * Computed from the state before the txn runs (as etcd does), so that the whole chosen path can
 * be checked before the first write.
 */
record TxnPath(boolean succeeded, List<TxnPath> nested) {
  TxnPath {
    nested = List.copyOf(nested);
  }
}
