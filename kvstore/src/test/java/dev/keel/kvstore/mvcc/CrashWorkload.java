package dev.keel.kvstore.mvcc;

import static dev.keel.kvstore.mvcc.Requests.*;

import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.TxnRequest;
import java.util.Random;

/**
 * A deterministic write sequence: the entry at a log index is a function of the index alone, so a
 * test can replay exactly what a killed writer applied up to any index. Puts, deletes (single and
 * range), txns with compares, lease grants, puts on leases and revokes; some commands fail (unknown
 * lease), as real traffic does.
 */
public final class CrashWorkload {
  private CrashWorkload() {}

  public static CommandBatch entry(long index) {
    Random random = new Random(index * 1_000_003L + 17);
    CommandBatch.Builder batch = CommandBatch.newBuilder();
    int commands = 1 + random.nextInt(3);
    for (int i = 0; i < commands; i++) {
      batch.addCommands(command(index, random));
    }
    return batch.build();
  }

  private static Command command(long index, Random random) {
    String key = String.format("k%02d", random.nextInt(30));
    String value = "v" + index + "-" + random.nextInt(1000);
    int dice = random.nextInt(100);
    if (dice < 45) {
      long lease = random.nextInt(5) == 0 ? leaseNear(index, random) : 0;
      return Command.newBuilder().setPut(put(key, value, lease).toBuilder()
          .setPrevKv(random.nextBoolean())).build();
    }
    if (dice < 55) {
      return Command.newBuilder().setDeleteRange(delete(key)).build();
    }
    if (dice < 60) {
      String end = String.format("k%02d", random.nextInt(30));
      return Command.newBuilder().setDeleteRange(delete(key, end)).build();
    }
    if (dice < 85) {
      String other = String.format("k%02d", random.nextInt(30));
      TxnRequest txn = TxnRequest.newBuilder()
          .addCompare(versionEquals(key, random.nextInt(3)).toBuilder()
              .setResult(Compare.CompareResult.forNumber(random.nextInt(4))))
          .addSuccess(op(put(key, value)))
          .addSuccess(op(get(other)))
          .addFailure(op(delete(other)))
          .addFailure(op(range("k", "l").toBuilder().setLimit(3).build()))
          .build();
      return Command.newBuilder().setTxn(txn).build();
    }
    if (dice < 93) {
      return Command.newBuilder().setLeaseGrant(
          LeaseGrantRequest.newBuilder().setID(index).setTTL(1 + random.nextInt(100))).build();
    }
    return Command.newBuilder().setLeaseRevoke(
        LeaseRevokeRequest.newBuilder().setID(leaseNear(index, random))).build();
  }

  /** A lease id granted recently, or not (then the command fails with LEASE_NOT_FOUND). */
  private static long leaseNear(long index, Random random) {
    return Math.max(1, index - random.nextInt(40));
  }
}
