package dev.keel.api.selector;

import dev.keel.api.core.Event;
import dev.keel.api.core.ObjectReference;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodStatus;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.LabelSelectorRequirement;
import dev.keel.api.meta.ObjectMeta;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorTest {
    private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "backend", "version", "3");

    @ParameterizedTest(name = "\"{0}\" matches app=web,tier=backend,version=3: {1}")
    @CsvSource(delimiter = '|', value = {
            "'' | true",
            "app=web | true",
            "app==web | true",
            "app!=web | false",
            "app!=db | true",
            "missing!=x | true",
            "app=db | false",
            "app | true",
            "!app | false",
            "!missing | true",
            "missing | false",
            "tier in (backend, frontend) | true",
            "tier notin (backend) | false",
            "missing notin (a) | true",
            "missing in (a) | false",
            "app=web,tier=frontend | false",
            "  app = web ,  tier in(backend) | true",
            "version>2 | true",
            "version<3 | false",
            "app=web,version>10 | false",
            "env= | false",
    })
    void matches(String selector, boolean expected) {
        assertEquals(expected, Selector.parse(selector).matches(LABELS));
    }

    @ParameterizedTest(name = "\"{0}\" prints as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "tier in (b, a, a), app = web | app=web,tier in (a,b)",
            "!canary , app==web | app==web,!canary",
            "x notin (1) | x notin (1)",
            "'' | ''",
            "env= | env=",
            "example.com/role=db | example.com/role=db",
    })
    void printsCanonically(String selector, String printed) {
        assertEquals(printed, Selector.parse(selector).toString());
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"app=web,", ",", "app in", "app in (a", "app x y", "-bad!=x", "a=b=c",
            "app=in valid", "app=-bad", "version>a", "/x=1", "a=(b)", "!"})
    void rejectsInvalid(String selector) {
        assertThrows(SelectorException.class, () -> Selector.parse(selector));
    }

    @Test
    void structuredSelectorsMatchLikeTheirStringForm() {
        LabelSelector s = new LabelSelector(Map.of("app", "web"), List.of(
                LabelSelectorRequirement.of("tier", "In", List.of("backend")),
                LabelSelectorRequirement.of("canary", "DoesNotExist", List.of())), Map.of());
        Selector sel = Selector.of(s);
        assertEquals("app=web,!canary,tier in (backend)".length(), sel.toString().length());
        assertTrue(sel.matches(LABELS));
        assertEquals(Selector.parse(sel.toString()), sel);
        assertThrows(SelectorException.class, () -> Selector.of(new LabelSelector(Map.of(),
                List.of(LabelSelectorRequirement.of("a", "Matches", List.of())), Map.of())));
    }

    @Property
    void printThenParseGivesTheSameSelector(@ForAll("selectors") Selector s) {
        Selector again = Selector.parse(s.toString());
        assertEquals(s, again);
        assertEquals(s.toString(), again.toString());
    }

    @Property
    void notInIsTheNegationOfInWhenTheLabelIsPresent(@ForAll("keys") String key, @ForAll("values") String have,
                                                     @ForAll("values") String want) {
        Map<String, String> labels = Map.of(key, have);
        boolean in = new Requirement(key, Operator.IN, List.of(want)).matches(labels);
        boolean notIn = new Requirement(key, Operator.NOT_IN, List.of(want)).matches(labels);
        assertEquals(!in, notIn);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("app", "tier", "example.com/role", "a.b_c-d", "x1");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.of("", "web", "db", "v1.2", "A_b", "3");
    }

    @Provide
    Arbitrary<Selector> selectors() {
        Arbitrary<Operator> ops = Arbitraries.of(Operator.EQUALS, Operator.DOUBLE_EQUALS, Operator.NOT_EQUALS,
                Operator.IN, Operator.NOT_IN, Operator.EXISTS, Operator.DOES_NOT_EXIST);
        Arbitrary<Requirement> req = Combinators.combine(keys(), ops, values().list().ofMinSize(1).ofMaxSize(3))
                .as((k, op, vs) -> switch (op) {
                    case EXISTS, DOES_NOT_EXIST -> new Requirement(k, op, List.of());
                    case IN, NOT_IN -> new Requirement(k, op, vs);
                    default -> new Requirement(k, op, List.of(vs.get(0)));
                });
        return req.list().ofMaxSize(5).map(Selector::new);
    }

    @ParameterizedTest(name = "field selector \"{0}\" on pod web/n1/Running: {1}")
    @CsvSource(delimiter = '|', value = {
            "'' | true",
            "metadata.name=web | true",
            "metadata.name==web | true",
            "metadata.name!=web | false",
            "metadata.namespace=default,spec.nodeName=n1 | true",
            "spec.nodeName=,status.phase=Running | false",
            "spec.nodeName=n1,status.phase!=Succeeded,status.phase!=Failed | true",
            "status.phase=Pending | false",
    })
    void fieldSelectorsMatchPods(String selector, boolean expected) {
        Pod pod = Pod.of(ObjectMeta.of("default", "web"), PodSpec.builder().nodeName("n1").build())
                .withStatus(PodStatus.builder().phase("Running").build());
        FieldSelector fs = FieldSelector.parse(selector).requireSupported(ObjectFields.supported(Pod.class), "pods");
        assertEquals(expected, fs.matches(ObjectFields.of(pod)));
    }

    @Test
    void fieldSelectorsSelectEventsByInvolvedObject() {
        Event e = new Event(null, null, ObjectMeta.of("default", "x.1"),
                new ObjectReference(null, "Pod", "default", "x", "u1", null, null, Map.of()),
                null, null, null, null, null, null, null, null, null, null, null, Map.of());
        FieldSelector fs = FieldSelector.parse(
                "involvedObject.name=x,involvedObject.namespace=default,involvedObject.uid=u1");
        assertTrue(fs.matches(ObjectFields.of(e)));
        assertFalse(FieldSelector.parse("involvedObject.kind=Deployment").matches(ObjectFields.of(e)));
    }

    @Test
    void fieldSelectorEscapesAndErrors() {
        FieldSelector fs = FieldSelector.parse("metadata.name=a\\,b\\=c");
        assertEquals("a,b=c", fs.requirements().get(0).value());
        assertEquals("metadata.name=a\\,b\\=c", fs.toString());
        assertEquals(fs, FieldSelector.parse(fs.toString()));
        assertThrows(SelectorException.class, () -> FieldSelector.parse("metadata.name"));
        assertThrows(SelectorException.class, () -> FieldSelector.parse("a=b=c"));
        assertThrows(SelectorException.class, () -> FieldSelector.parse("a=b\\x"));
        SelectorException e = assertThrows(SelectorException.class,
                () -> FieldSelector.parse("spec.foo=1").requireSupported(ObjectFields.supported(Pod.class), "pods"));
        assertTrue(e.getMessage().contains("field label not supported: spec.foo"), e.getMessage());
    }
}
