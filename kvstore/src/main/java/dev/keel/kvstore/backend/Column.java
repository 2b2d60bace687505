package dev.keel.kvstore.backend;

import java.nio.charset.StandardCharsets;

/**
 * The column families of the store (byte layouts are documented in
 * {@code dev.keel.kvstore.mvcc.Layout}).
 */
public enum Column {
  /** key -> KeyValue of the live keys: reads at the latest revision. */
  CURRENT("current"),
  /** escaped key + revision -> marker (put or tombstone): reads at older revisions. */
  HISTORY("history"),
  /** revision -> Event (type and kv, without prev kv): watch catch-up and history values. */
  EVENTS("events"),
  /** applied index and term, revision, compacted revision, leases. */
  META("meta");

  private final byte[] id;

  Column(String name) {
    this.id = name.getBytes(StandardCharsets.UTF_8);
  }

  byte[] id() {
    return id.clone();
  }
}
