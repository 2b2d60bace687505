package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Generated correct streams are accepted; one dropped, repeated or swapped event is always caught. */
class WatchCheckerPropertyTest {

    @Property(tries = 300)
    void generatedCorrectStreamsAreAccepted(@ForAll @IntRange(min = 0, max = 40) int revisions,
            @ForAll long seed) {
        WatchStreamSimulator simulator = new WatchStreamSimulator(new Random(seed), revisions);
        WatchStream stream = simulator.stream();

        List<WatchViolation> violations = new WatchChecker(simulator.log()).check(WatchSession.of(stream));

        assertEquals(List.of(), violations, stream::toString);
    }

    @Property(tries = 300)
    void aDroppedRepeatedOrSwappedEventIsCaught(@ForAll @IntRange(min = 2, max = 40) int revisions,
            @ForAll @IntRange(min = 0, max = 2) int mutation, @ForAll long seed) {
        Random random = new Random(seed);
        WatchStreamSimulator simulator = new WatchStreamSimulator(random, revisions);
        WatchStream good = simulator.stream();
        List<WatchEvent> events = new ArrayList<>();
        good.responses().forEach(r -> {
            if (r instanceof WatchResponse.Events e) {
                events.addAll(e.events());
            }
        });
        Assume.that(events.stream().map(WatchEvent::revision).distinct().count() >= 2);
        List<WatchEvent> mutated = new ArrayList<>(events);
        int i = random.nextInt(events.size() - 1); // never the last event: a lost tail is invisible
        WatchGuarantee expected;
        if (mutation == 0) {
            mutated.remove(i);
            expected = WatchGuarantee.RELIABLE;
        } else if (mutation == 1) {
            mutated.add(i + 1, events.get(i));
            expected = WatchGuarantee.UNIQUE;
        } else {
            int j = i + 1;
            while (j < events.size() && events.get(j).revision() == events.get(i).revision()) {
                j++;
            }
            Assume.that(j < events.size());
            mutated.set(i, events.get(j));
            mutated.set(j, events.get(i));
            expected = WatchGuarantee.ORDERED;
        }
        List<WatchResponse> oneEventPerResponse = mutated.stream()
                .<WatchResponse>map(e -> new WatchResponse.Events(e.revision(), List.of(e), false)).toList();
        WatchStream bad = new WatchStream(good.name(), good.range(), good.startRevision(), oneEventPerResponse);

        List<WatchViolation> violations = new WatchChecker(simulator.log()).check(WatchSession.of(bad));

        assertTrue(violations.stream().anyMatch(v -> v.guarantee() == expected),
                () -> "expected " + expected + " for " + mutated + ", got " + violations);
    }
}
