package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.api.MvccStore;

/** Opens {@link LocalStoreService} to tests in other packages. */
public final class LocalStoreServices {
  private LocalStoreServices() {}

  public static KvService of(MvccStore store) {
    return new LocalStoreService(store, "http://127.0.0.1:0");
  }
}
