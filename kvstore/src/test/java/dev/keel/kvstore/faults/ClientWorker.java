package dev.keel.kvstore.faults;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.check.Command;
import dev.keel.kvstore.check.HistoryRecorder;
import dev.keel.kvstore.check.Outcome;
import dev.keel.kvstore.check.Versioned;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.TxnBuilder;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.TxnResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One client process of the workload: random get, put, delete, compare-and-set and range requests
 * over a small key space, one at a time, each recorded in the history. A read that fails is
 * recorded as failed (it changed nothing); a write that fails in any way has an unknown outcome.
 */
final class ClientWorker implements Runnable {

  private final int process;
  private final KvClient client;
  private final HistoryRecorder recorder;
  private final WorkloadConfig config;
  private final Random random;
  private final BooleanSupplier stopping;
  private final List<String> keys;
  /** The last value this client saw per key, the expectation of its compare-and-sets. */
  private final Map<String, String> seen = new HashMap<>();
  private int written;

  ClientWorker(int process, KvClient client, HistoryRecorder recorder, WorkloadConfig config,
      Random random, BooleanSupplier stopping) {
    this.process = process;
    this.client = client;
    this.recorder = recorder;
    this.config = config;
    this.random = random;
    this.stopping = stopping;
    this.keys = config.keyNames();
  }

  static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  @Override
  public void run() {
    while (!stopping.getAsBoolean()) {
      step();
      if (config.maxThinkMillis() > 0) {
        try {
          Thread.sleep(random.nextInt(config.maxThinkMillis() + 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private String nextValue() {
    return "p" + process + "." + (++written);
  }

  private void step() {
    String key = keys.get(random.nextInt(keys.size()));
    int dice = random.nextInt(100);
    if (dice < 25) {
      get(key);
    } else if (dice < 50) {
      put(key, nextValue());
    } else if (dice < 60) {
      delete(key);
    } else if (dice < 85) {
      Optional<String> expected = random.nextInt(4) == 0 ? Optional.empty()
          : Optional.ofNullable(seen.get(key));
      cas(key, expected, nextValue());
    } else {
      range();
    }
  }

  private void get(String key) {
    HistoryRecorder.Invocation call = recorder.invoke(process, new Command.Get(key));
    try {
      RangeResponse r = client.range(RangeRequest.newBuilder().setKey(bytes(key)).build());
      Optional<Versioned> value = r.getKvsCount() == 0 ? Optional.empty()
          : Optional.of(versioned(r.getKvs(0)));
      value.ifPresentOrElse(v -> seen.put(key, v.value()), () -> seen.remove(key));
      recorder.complete(call, new Outcome.ReadOk(value, r.getHeader().getRevision()));
    } catch (RuntimeException e) {
      recorder.complete(call, new Outcome.Failed(describe(e)));
    }
  }

  private void range() {
    HistoryRecorder.Invocation call = recorder.invoke(process, new Command.Range(keys));
    try {
      RangeResponse r = client.range(RangeRequest.newBuilder()
          .setKey(bytes(WorkloadConfig.prefix()))
          .setRangeEnd(bytes(prefixEnd(WorkloadConfig.prefix()))).build());
      Map<String, Versioned> values = new HashMap<>();
      for (KeyValue kv : r.getKvsList()) {
        values.put(kv.getKey().toStringUtf8(), versioned(kv));
      }
      recorder.complete(call, new Outcome.RangeOk(values, r.getHeader().getRevision()));
    } catch (RuntimeException e) {
      recorder.complete(call, new Outcome.Failed(describe(e)));
    }
  }

  private void put(String key, String value) {
    HistoryRecorder.Invocation call = recorder.invoke(process, new Command.Put(key, value));
    try {
      long revision = client.put(bytes(key), bytes(value)).getHeader().getRevision();
      seen.put(key, value);
      recorder.complete(call, new Outcome.PutOk(revision));
    } catch (RuntimeException e) {
      recorder.complete(call, new Outcome.Unknown(describe(e)));
    }
  }

  private void delete(String key) {
    HistoryRecorder.Invocation call = recorder.invoke(process, new Command.Delete(key));
    try {
      DeleteRangeResponse r = client.delete(bytes(key));
      seen.remove(key);
      recorder.complete(call, new Outcome.DeleteOk(r.getDeleted(), r.getHeader().getRevision()));
    } catch (RuntimeException e) {
      recorder.complete(call, new Outcome.Unknown(describe(e)));
    }
  }

  private void cas(String key, Optional<String> expected, String value) {
    HistoryRecorder.Invocation call = recorder.invoke(process, new Command.Cas(key, expected, value));
    TxnBuilder txn = client.txn();
    if (expected.isPresent()) {
      txn.ifValue(bytes(key), Compare.CompareResult.EQUAL, bytes(expected.get()));
    } else {
      txn.ifAbsent(bytes(key));
    }
    try {
      TxnResponse r = txn.thenPut(bytes(key), bytes(value)).commit();
      if (r.getSucceeded()) {
        seen.put(key, value);
      }
      recorder.complete(call, new Outcome.CasOk(r.getSucceeded(), r.getHeader().getRevision()));
    } catch (RuntimeException e) {
      recorder.complete(call, new Outcome.Unknown(describe(e)));
    }
  }

  static Versioned versioned(KeyValue kv) {
    return new Versioned(kv.getValue().toStringUtf8(), kv.getModRevision());
  }

  static String prefixEnd(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
