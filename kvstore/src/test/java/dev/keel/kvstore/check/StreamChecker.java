package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks one watch stream against the committed log: validity, order, uniqueness, atomicity, reliability and
 * bookmarks (see {@link WatchGuarantee}). Fragments are joined to the response they belong to first.
 */
final class StreamChecker {

    /**
     * What one stream broke; the valid events it delivered (first copies only); every event it received, valid or
     * not; the last revision it received (event or progress); whether it ended with a compaction cancel.
     */
    record Result(List<WatchViolation> violations, List<WatchEvent> delivered, List<WatchEvent> received,
            long lastReceived, boolean compacted) {
    }

    private static final int MAX_LISTED = 3;

    private final CommittedLog log;
    private final WatchStream stream;
    private final List<WatchViolation> violations = new ArrayList<>();
    private final List<WatchEvent> delivered = new ArrayList<>();
    private final List<WatchEvent> received = new ArrayList<>();
    private final Set<WatchEvent> deliveredSet = new HashSet<>();
    private final Set<Long> splitRevisionsReported = new HashSet<>();
    private long lastRevision;
    private int lastPosition = -1;
    private int lastRevisionResponse = -1;
    private long bookmark;
    private boolean compacted;

    StreamChecker(CommittedLog log, WatchStream stream) {
        this.log = log;
        this.stream = stream;
    }

    Result check() {
        List<WatchResponse> responses = joinFragments(stream.responses());
        for (int i = 0; i < responses.size(); i++) {
            WatchResponse response = responses.get(i);
            if (compacted) {
                violate(WatchGuarantee.VALID, "response " + i + " arrived after the compaction cancel");
                break;
            }
            if (response instanceof WatchResponse.Progress progress) {
                checkBookmark(progress.headerRevision(), i);
            } else if (response instanceof WatchResponse.Compacted cancel) {
                checkCompaction(cancel.compactRevision());
            } else {
                checkEvents((WatchResponse.Events) response, i);
            }
        }
        if (lastRevision > 0) {
            List<WatchEvent> missing = missing(stream.startRevision(), lastRevision);
            if (!missing.isEmpty()) {
                violate(WatchGuarantee.RELIABLE, missing.size() + " committed event(s) between the start revision "
                        + stream.startRevision() + " and the last delivered revision " + lastRevision
                        + " never arrived: " + first(missing));
            }
        }
        return new Result(violations, delivered, received, Math.max(lastRevision, bookmark), compacted);
    }

    private void checkEvents(WatchResponse.Events response, int index) {
        for (WatchEvent event : response.events()) {
            checkEvent(event, index);
        }
        Set<Long> revisions = new LinkedHashSet<>();
        response.events().forEach(e -> revisions.add(e.revision()));
        for (long revision : revisions) {
            List<WatchEvent> expected = log.between(stream.range(), revision, revision);
            List<WatchEvent> got = response.events().stream().filter(e -> e.revision() == revision).toList();
            if (!got.containsAll(expected) && splitRevisionsReported.add(revision)) {
                violate(WatchGuarantee.ATOMIC, "response " + index + " has " + got.size() + " of the "
                        + expected.size() + " events of revision " + revision + ": " + got);
            }
        }
    }

    private void checkEvent(WatchEvent event, int index) {
        received.add(event);
        OptionalInt position = log.positionOf(event);
        if (!stream.range().contains(event.key())) {
            violate(WatchGuarantee.VALID, event + " is outside the watched range " + stream.range());
            return;
        }
        if (event.revision() < stream.startRevision()) {
            violate(WatchGuarantee.VALID, event + " is before the start revision " + stream.startRevision());
            return;
        }
        if (position.isEmpty()) {
            violate(WatchGuarantee.VALID, event + " was never committed");
            return;
        }
        if (!deliveredSet.add(event)) {
            violate(WatchGuarantee.UNIQUE, event + " was delivered twice (again in response " + index + ")");
            return;
        }
        delivered.add(event);
        if (event.revision() <= bookmark) {
            violate(WatchGuarantee.BOOKMARKABLE, event + " arrived after a progress notification at revision "
                    + bookmark);
        }
        if (position.getAsInt() < lastPosition) {
            violate(WatchGuarantee.ORDERED, event + " arrived after " + log.eventAt(lastPosition));
        } else if (event.revision() == lastRevision && lastRevisionResponse != index
                && splitRevisionsReported.add(event.revision())) {
            violate(WatchGuarantee.ATOMIC, "revision " + event.revision() + " is split: " + event
                    + " came in response " + index + ", after response " + lastRevisionResponse);
        }
        lastPosition = Math.max(lastPosition, position.getAsInt());
        if (event.revision() >= lastRevision) {
            lastRevision = event.revision();
            lastRevisionResponse = index;
        }
    }

    private void checkBookmark(long revision, int index) {
        List<WatchEvent> missing = missing(stream.startRevision(), revision);
        if (!missing.isEmpty()) {
            violate(WatchGuarantee.BOOKMARKABLE, "progress notification at revision " + revision + " (response "
                    + index + ") came before " + missing.size() + " event(s) up to it: " + first(missing));
        }
        bookmark = Math.max(bookmark, revision);
    }

    private void checkCompaction(long compactRevision) {
        long needed = Math.max(stream.startRevision(), lastRevision + 1);
        if (compactRevision <= needed) {
            violate(WatchGuarantee.RELIABLE, "cancelled for compaction at revision " + compactRevision
                    + " although the next revision it needed, " + needed + ", was not compacted");
        }
        compacted = true;
    }

    private List<WatchEvent> missing(long from, long to) {
        return log.between(stream.range(), from, to).stream().filter(e -> !deliveredSet.contains(e)).toList();
    }

    private static String first(List<WatchEvent> events) {
        List<WatchEvent> shown = events.subList(0, Math.min(MAX_LISTED, events.size()));
        return shown + (events.size() > MAX_LISTED ? " ..." : "");
    }

    private void violate(WatchGuarantee guarantee, String detail) {
        violations.add(new WatchViolation(guarantee, stream.name(), detail));
    }

    private static List<WatchResponse> joinFragments(List<WatchResponse> responses) {
        List<WatchResponse> joined = new ArrayList<>();
        List<WatchEvent> pieces = new ArrayList<>();
        for (WatchResponse response : responses) {
            if (response instanceof WatchResponse.Events events) {
                pieces.addAll(events.events());
                if (!events.fragment()) {
                    joined.add(new WatchResponse.Events(events.headerRevision(), pieces, false));
                    pieces = new ArrayList<>();
                }
            } else {
                joined.add(response);
            }
        }
        if (!pieces.isEmpty()) {
            joined.add(new WatchResponse.Events(0, pieces, false)); // the stream ended inside a fragmented response
        }
        return joined;
    }
}
