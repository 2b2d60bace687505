package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.api.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random histories of puts, deletes, txns, compactions, leases, reads and reopens give the same
 * responses, errors, revisions and leases on the RocksDB store as on the reference model. The
 * number of tries comes from {@code jqwik.tries.default} (modest in junit-platform.properties;
 * raise it with -Djqwik.tries.default=... for long runs).
 */
class RocksMvccStoreModelPropertyTest {

  // Embedded edge cases skew the small value pools (e.g. most puts would name a lease).
  @Property(edgeCases = EdgeCasesMode.NONE)
  void storeBehavesLikeTheModel(@ForAll("histories") List<StoreOp> history) throws IOException {
    Path dir = Files.createTempDirectory("keel-model-");
    try (ModelCheckedStore checked =
        new ModelCheckedStore(StoreConfig.of(dir), RocksMvccStore::open)) {
      checked.run(history);
      checked.outcomes().forEach(o -> Statistics.label("outcomes").collect(o));
    } finally {
      TestDirs.deleteRecursively(dir);
    }
  }

  @Provide
  Arbitrary<List<StoreOp>> histories() {
    return StoreOpArbitraries.histories(60);
  }
}
