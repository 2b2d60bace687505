/**
 * A Jepsen/Porcupine-style consistency checker for Keel, as test code (published in kvstore's test-jar).
 *
 * <p><b>Linearizability.</b> Client threads record a {@link dev.keel.kvstore.check.History} with a
 * {@link dev.keel.kvstore.check.HistoryRecorder}: per request, the process, invoke and return times, the
 * {@link dev.keel.kvstore.check.Command} (get, put, delete, compare-and-set, range over a set of keys) and the
 * {@link dev.keel.kvstore.check.Outcome} (with revisions, or failed, or unknown for timeouts).
 * {@link dev.keel.kvstore.check.LinearizabilityChecker} then
 * <ul>
 *   <li>splits the history by key and runs a Wing and Gong / Lowe search per key (as Porcupine does), where an
 *       operation with an unknown outcome may take effect anywhere after its invocation, or never;</li>
 *   <li>checks revisions: unique per write, monotonic in real time, and every read consistent with the snapshot
 *       at its header revision (which is also how a range read's keys are checked to be one snapshot: the
 *       per-key search sees each key's part on its own);</li>
 *   <li>stays within a time budget and memo cap, answering {@link dev.keel.kvstore.check.CheckResult.Inconclusive}
 *       rather than hanging;</li>
 *   <li>explains a failing key with a short window of operations that is not linearizable even from an unknown
 *       starting state, one operation per line.</li>
 * </ul>
 *
 * <pre>{@code
 * HistoryRecorder recorder = new HistoryRecorder(System::nanoTime);
 * // ... client threads: invoke(process, command) before sending, complete(call, outcome) after ...
 * CheckResult result = new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(30)))
 *         .check(recorder.history());
 * if (result instanceof CheckResult.Violated violated) {
 *     fail(violated.report());
 * }
 * }</pre>
 *
 * <p><b>Watches.</b> {@link dev.keel.kvstore.check.WatchChecker} compares what each watch received (events,
 * progress notifications, compaction cancels; resumed watches grouped in a
 * {@link dev.keel.kvstore.check.WatchSession}) with the {@link dev.keel.kvstore.check.CommittedLog} and names
 * each broken {@link dev.keel.kvstore.check.WatchGuarantee}: ordered, unique, reliable, atomic, resumable,
 * bookmarkable (and valid: no event that was never committed or is outside the range).
 */
package dev.keel.kvstore.check;
