package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a random committed log and a watch stream that keeps every guarantee: whole revisions batched at
 * random into responses, progress notifications only where all earlier events were sent, and a random end.
 */
final class WatchStreamSimulator {

    static final KeyRange RANGE = KeyRange.prefix("k");
    private static final String[] KEYS = {"ka", "kb", "kc", "z"};

    private final Random random;
    private final CommittedLog log;
    private final long lastRevision;

    WatchStreamSimulator(Random random, int revisions) {
        this.random = random;
        List<WatchEvent> events = new ArrayList<>();
        for (long revision = 2; revision < 2 + revisions; revision++) {
            List<String> keys = new ArrayList<>(List.of(KEYS));
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String key = keys.remove(random.nextInt(keys.size()));
                events.add(random.nextInt(4) == 0 ? WatchEvent.delete(revision, key)
                        : WatchEvent.put(revision, key, "v" + random.nextInt(1000)));
            }
        }
        this.log = new CommittedLog(events);
        this.lastRevision = 1 + revisions;
    }

    CommittedLog log() {
        return log;
    }

    WatchStream stream() {
        long start = 1 + random.nextInt((int) lastRevision + 1);
        long end = start + random.nextInt((int) (lastRevision - start + 2));
        List<WatchResponse> responses = new ArrayList<>();
        List<WatchEvent> batch = new ArrayList<>();
        for (long revision = start; revision <= end; revision++) {
            List<WatchEvent> atRevision = log.between(RANGE, revision, revision);
            batch.addAll(atRevision);
            if (!batch.isEmpty() && random.nextBoolean()) {
                responses.add(new WatchResponse.Events(revision, batch, false));
                batch = new ArrayList<>();
            }
            if (batch.isEmpty() && random.nextInt(4) == 0) {
                responses.add(new WatchResponse.Progress(revision));
            }
        }
        if (!batch.isEmpty()) {
            responses.add(new WatchResponse.Events(end, batch, false));
        }
        return new WatchStream("generated@" + start, RANGE, start, responses);
    }
}
