package dev.keel.api.informer;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectMeta;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relist's replace turns any cached state into the listed one, and its events say exactly how: replaying them on
 * the old state gives the new one, with no event for an unchanged object. The index stays consistent throughout.
 */
class EventDistributorProperties {

    @Property(tries = 300)
    void replaceEmitsExactlyTheDifference(@ForAll("states") Map<String, Integer> before,
                                          @ForAll("states") Map<String, Integer> after) {
        ObjectCache<Pod> cache = new ObjectCache<>();
        cache.addIndexer("rv", p -> List.of(p.metadata().resourceVersion()));
        EventDistributor<Pod> d = new EventDistributor<>("test", cache);
        before.forEach((k, rv) -> d.upsert(pod(k, rv)));

        Map<String, String> model = new HashMap<>();
        before.forEach((k, rv) -> model.put("ns/" + k, rv.toString()));
        List<String> touched = new ArrayList<>();
        d.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                touched.add(p.metadata().key());
                model.put(p.metadata().key(), p.metadata().resourceVersion());
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                touched.add(now.metadata().key());
                assertTrue(model.containsKey(now.metadata().key()));
                model.put(now.metadata().key(), now.metadata().resourceVersion());
            }

            @Override
            public void onDelete(Pod p) {
                touched.add(p.metadata().key());
                assertTrue(model.remove(p.metadata().key()) != null);
            }
        });
        touched.clear(); // the replayed adds of addHandler
        model.clear();
        before.forEach((k, rv) -> model.put("ns/" + k, rv.toString()));

        List<Pod> listed = new ArrayList<>();
        after.forEach((k, rv) -> listed.add(pod(k, rv)));
        d.replace(listed);

        Map<String, String> expected = new HashMap<>();
        after.forEach((k, rv) -> expected.put("ns/" + k, rv.toString()));
        assertEquals(expected, model);
        Map<String, String> cached = new HashMap<>();
        cache.list().forEach(p -> cached.put(p.metadata().key(), p.metadata().resourceVersion()));
        assertEquals(expected, cached);

        Set<String> changed = new HashSet<>();
        before.forEach((k, rv) -> {
            if (!rv.equals(after.get(k))) {
                changed.add("ns/" + k);
            }
        });
        after.forEach((k, rv) -> {
            if (!rv.equals(before.get(k))) {
                changed.add("ns/" + k);
            }
        });
        assertEquals(changed, Set.copyOf(touched), "events for exactly the changed keys");
        assertEquals(touched.size(), changed.size(), "one event per changed key");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(cache.byIndex("rv", e.getValue()).stream().anyMatch(p -> p.metadata().key().equals(e.getKey())));
        }
    }

    @Provide
    Arbitrary<Map<String, Integer>> states() {
        return Arbitraries.maps(Arbitraries.strings().withChars("abcdef").ofLength(1),
                Arbitraries.integers().between(1, 3)).ofMaxSize(6);
    }

    private static Pod pod(String name, int rv) {
        return Pod.of(ObjectMeta.builder().namespace("ns").name(name).resourceVersion(Integer.toString(rv)).build(),
                null);
    }
}
