package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Watch streams that keep etcd's six guarantees are accepted; each kind of broken stream is named. */
class WatchCheckerTest {

    // The committed history. Revision 4 is a transaction of three writes; revision 7 is outside the "k" prefix.
    private static final WatchEvent A1 = WatchEvent.put(2, "ka", "1");
    private static final WatchEvent B1 = WatchEvent.put(3, "kb", "1");
    private static final WatchEvent A2 = WatchEvent.put(4, "ka", "2");
    private static final WatchEvent C1 = WatchEvent.put(4, "kc", "1");
    private static final WatchEvent DEL_B = WatchEvent.delete(4, "kb");
    private static final WatchEvent D1 = WatchEvent.put(5, "kd", "1");
    private static final WatchEvent DEL_A = WatchEvent.delete(6, "ka");
    private static final WatchEvent Z9 = WatchEvent.put(7, "z", "9");
    private static final WatchEvent B2 = WatchEvent.put(8, "kb", "2");
    private static final CommittedLog LOG = new CommittedLog(List.of(A1, B1, A2, C1, DEL_B, D1, DEL_A, Z9, B2));

    private final WatchChecker checker = new WatchChecker(LOG);

    static Stream<Arguments> goodSessions() {
        return Stream.of(
                good("live stream, one response per revision", stream(2, ev(A1), ev(B1), ev(A2, C1, DEL_B), ev(D1),
                        ev(DEL_A), ev(B2))),
                good("catch-up responses batching several revisions", stream(2, ev(A1, B1, A2, C1, DEL_B),
                        ev(D1, DEL_A, B2))),
                good("progress notifications in between", stream(2, ev(A1), ev(B1), progress(3),
                        ev(A2, C1, DEL_B, D1, DEL_A), progress(7), ev(B2), progress(8))),
                good("started in the middle of the history", stream(4, ev(A2, C1, DEL_B), ev(D1), ev(DEL_A),
                        ev(B2))),
                good("single-key watch", new WatchSession("single", List.of(new WatchStream("single",
                        KeyRange.single("ka"), 1, List.of(ev(A1), ev(A2), ev(DEL_A)))))),
                good("stream that stopped early", stream(2, ev(A1), ev(B1))),
                good("fragmented response joined", stream(4, frag(A2), ev(C1, DEL_B))),
                good("cancelled for compaction past its start", stream(2, new WatchResponse.Compacted(5))),
                good("resumed after the last event", session(stream(2, ev(A1), ev(B1)),
                        stream(4, ev(A2, C1, DEL_B), ev(D1), ev(DEL_A), ev(B2)))),
                good("resumed after a progress notification", session(
                        stream(2, ev(A1), ev(B1), ev(A2, C1, DEL_B), ev(D1), ev(DEL_A), progress(7)),
                        stream(8, ev(B2)))));
    }

    static Stream<Arguments> brokenSessions() {
        return Stream.of(
                bad("reordered revisions", WatchGuarantee.ORDERED, stream(2, ev(B1), ev(A1))),
                bad("reordered events within a revision", WatchGuarantee.ORDERED, stream(4, ev(C1, A2, DEL_B))),
                bad("event delivered twice", WatchGuarantee.UNIQUE, stream(2, ev(A1), ev(B1), ev(B1))),
                bad("gap: a revision skipped", WatchGuarantee.RELIABLE, stream(2, ev(A1), ev(A2, C1, DEL_B))),
                bad("revision split over two responses", WatchGuarantee.ATOMIC, stream(4, ev(A2), ev(C1, DEL_B))),
                bad("revision partly delivered", WatchGuarantee.ATOMIC, stream(4, ev(A2, C1), ev(D1))),
                bad("event older than a progress notification", WatchGuarantee.BOOKMARKABLE,
                        stream(2, ev(A1), progress(4), ev(B1))),
                bad("progress notification before its events", WatchGuarantee.BOOKMARKABLE,
                        stream(2, ev(A1), progress(3), ev(B1))),
                bad("event that was never committed", WatchGuarantee.VALID,
                        stream(2, ev(A1), ev(WatchEvent.put(3, "kb", "999")))),
                bad("event outside the watched range", WatchGuarantee.VALID, stream(6, ev(DEL_A), ev(Z9))),
                bad("event before the start revision", WatchGuarantee.VALID, stream(3, ev(A1), ev(B1))),
                bad("cancelled for compaction that did not reach its start", WatchGuarantee.RELIABLE,
                        stream(6, new WatchResponse.Compacted(5))),
                bad("resumed stream lost events", WatchGuarantee.RESUMABLE, session(stream(2, ev(A1), ev(B1)),
                        stream(4, ev(D1), ev(DEL_A)))),
                bad("resumed stream repeated an event", WatchGuarantee.RESUMABLE, session(stream(2, ev(A1), ev(B1)),
                        stream(4, ev(B1), ev(A2, C1, DEL_B)))),
                bad("resumed from the wrong revision", WatchGuarantee.RESUMABLE, session(stream(2, ev(A1)),
                        stream(4, ev(A2, C1, DEL_B)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodSessions")
    void acceptsStreamsThatKeepTheGuarantees(String name, WatchSession session) {
        assertEquals(List.of(), checker.check(session), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSessions")
    void namesTheBrokenGuarantee(String name, WatchGuarantee broken, WatchSession session) {
        List<WatchViolation> violations = checker.check(session);
        assertTrue(violations.stream().anyMatch(v -> v.guarantee() == broken),
                () -> name + ": expected " + broken + ", got " + violations);
    }

    @Test
    void committedLogFromAcknowledgedWritesFeedsTheChecker() {
        History history = new HistoryBuilder()
                .putAt(0, 0, 1, "ka", "1", 2)
                .putAt(0, 2, 3, "kb", "1", 3)
                .add(0, 4, 5, new Command.Delete("ka"), new Outcome.DeleteOk(1, 4))
                .build();
        WatchChecker fromWrites = new WatchChecker(CommittedLog.fromAcknowledgedWrites(history));

        WatchSession session = session(stream(2, ev(WatchEvent.put(2, "ka", "1")), ev(WatchEvent.delete(4, "ka"))));

        List<WatchViolation> violations = fromWrites.check(session);
        assertEquals(WatchGuarantee.RELIABLE, violations.get(0).guarantee(), violations::toString);
    }

    private static WatchResponse ev(WatchEvent... events) {
        return WatchResponse.Events.of(events);
    }

    private static WatchResponse frag(WatchEvent... events) {
        return new WatchResponse.Events(events[0].revision(), List.of(events), true);
    }

    private static WatchResponse progress(long revision) {
        return new WatchResponse.Progress(revision);
    }

    private static WatchStream rawStream(long start, WatchResponse... responses) {
        return new WatchStream("watch@" + start, KeyRange.prefix("k"), start, List.of(responses));
    }

    private static WatchSession stream(long start, WatchResponse first, WatchResponse... rest) {
        List<WatchResponse> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return WatchSession.of(rawStream(start, all.toArray(WatchResponse[]::new)));
    }

    private static WatchSession session(WatchSession... parts) {
        List<WatchStream> streams = new ArrayList<>();
        for (WatchSession part : parts) {
            streams.addAll(part.streams());
        }
        return new WatchSession("session", streams);
    }

    private static Arguments good(String name, WatchSession session) {
        return Arguments.of(name, session);
    }

    private static Arguments bad(String name, WatchGuarantee broken, WatchSession session) {
        return Arguments.of(name, broken, session);
    }
}
