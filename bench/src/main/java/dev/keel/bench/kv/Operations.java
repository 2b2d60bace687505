package dev.keel.bench.kv;

import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;

/** The closed-loop operation of each workload. */
final class Operations {
  private Operations() {}

  static Operation forSpec(LoadSpec spec, Keys keys) {
    return switch (spec.workload()) {
      case PUT -> put(keys);
      case RANGE -> range(keys, spec.serializable());
      case TXN -> new CasOperation(keys);
      case WATCH -> throw new IllegalArgumentException(
          "watch is not a closed-loop workload; it runs in WatchRunner");
    };
  }

  /** Put of a uniformly random key, fixed value. */
  static Operation put(Keys keys) {
    return (client, random) -> client.putAsync(PutRequest.newBuilder()
        .setKey(keys.key(random.nextInt(keys.keySpace())))
        .setValue(keys.value())
        .build());
  }

  /** Single-key range of a uniformly random key. */
  static Operation range(Keys keys, boolean serializable) {
    return (client, random) -> client.rangeAsync(RangeRequest.newBuilder()
        .setKey(keys.key(random.nextInt(keys.keySpace())))
        .setSerializable(serializable)
        .build());
  }
}
