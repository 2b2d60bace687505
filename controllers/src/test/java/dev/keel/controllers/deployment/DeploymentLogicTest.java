package dev.keel.controllers.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetSpec;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of the Deployment controller: fenceposts, template hash, finding the new ReplicaSet. */
class DeploymentLogicTest {
    private static final ObjectMapper JSON = new KubeCodec().jsonMapper();

    private record Fence(String name, int replicas, IntOrString surge, IntOrString unavailable, int wantSurge,
                         int wantUnavailable) {
    }

    @Test
    void fencepostsRoundSurgeUpAndUnavailableDown() {
        List<Fence> rows = List.of(
                new Fence("25% of 10", 10, IntOrString.of("25%"), IntOrString.of("25%"), 3, 2),
                new Fence("30% of 5", 5, IntOrString.of("30%"), IntOrString.of("30%"), 2, 1),
                new Fence("absolute", 4, IntOrString.of(2), IntOrString.of(1), 2, 1),
                new Fence("both zero: unavailable becomes 1", 3, IntOrString.of(0), IntOrString.of(0), 0, 1),
                new Fence("10% of 1: surge rounds up to 1, unavailable down to 0", 1, IntOrString.of("10%"),
                        IntOrString.of("10%"), 1, 0),
                new Fence("unavailable capped at replicas", 2, IntOrString.of(0), IntOrString.of(5), 0, 2));
        for (Fence f : rows) {
            Deployment d = DeploymentTestSupport.rolling("ns", "web", f.replicas(), f.surge(), f.unavailable(), "i");
            assertEquals(f.wantSurge(), Fenceposts.maxSurge(d), f.name() + ": surge");
            assertEquals(f.wantUnavailable(), Fenceposts.maxUnavailable(d), f.name() + ": unavailable");
        }
        Deployment recreate = DeploymentTestSupport.recreate("ns", "web", 3, "i");
        assertEquals(0, Fenceposts.maxSurge(recreate));
        assertEquals(0, Fenceposts.maxUnavailable(recreate));
    }

    @Test
    void templateHashIsStableAndSensitive() {
        PodTemplateSpec a = DeploymentTestSupport.template("web", "nginx:1");
        String h = TemplateHash.of(a, null, JSON);
        assertEquals(h, TemplateHash.of(DeploymentTestSupport.template("web", "nginx:1"), null, JSON));
        assertNotEquals(h, TemplateHash.of(DeploymentTestSupport.template("web", "nginx:2"), null, JSON));
        assertNotEquals(h, TemplateHash.of(a, 1, JSON), "the collision count changes the hash");
        assertTrue(h.matches("[bcdfghjklmnpqrstvwxz2456789]+"), h);
    }

    @Test
    void theNewReplicaSetIsFoundIgnoringTheHashLabel() {
        PodTemplateSpec t = DeploymentTestSupport.template("web", "nginx:1");
        Map<String, String> labels = new HashMap<>(t.metadata().labels());
        labels.put(TemplateHash.LABEL, "abc");
        PodTemplateSpec hashed = t.withMetadata(t.metadata().toBuilder().labels(labels).build());
        ReplicaSet match = ReplicaSet.of(ObjectMeta.builder().name("web-abc").uid("1").build(),
                new ReplicaSetSpec(1, null, null, hashed, Map.of()));
        ReplicaSet other = ReplicaSet.of(ObjectMeta.builder().name("web-def").uid("2").build(),
                new ReplicaSetSpec(1, null, null, DeploymentTestSupport.template("web", "nginx:2"), Map.of()));
        assertEquals("web-abc", ReplicaSets.findNew(t, List.of(other, match), JSON).orElseThrow().metadata().name());
        assertTrue(ReplicaSets.findNew(DeploymentTestSupport.template("web", "nginx:3"), List.of(other, match), JSON)
                .isEmpty());
    }
}
