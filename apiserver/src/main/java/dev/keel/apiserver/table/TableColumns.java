package dev.keel.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The columns {@code kubectl get} shows for each kind, as the real server's table convertors define them. */
final class TableColumns {
    private final Clock clock;

    TableColumns(Clock clock) {
        this.clock = clock;
    }

    List<Column> of(ResourceType<?> type) {
        if (type == Kinds.PODS) {
            return List.of(Column.nameColumn(), Column.of("Ready", this::podReady), Column.of("Status", TableColumns::podStatus),
                    Column.number("Restarts", TableColumns::podRestarts), age(),
                    Column.wide("IP", o -> text(o.path("status").path("podIP"), "<none>")),
                    Column.wide("Node", o -> text(o.path("spec").path("nodeName"), "<none>")),
                    Column.wide("Nominated Node", o -> text(o.path("status").path("nominatedNodeName"), "<none>")),
                    Column.wide("Readiness Gates", o -> "<none>"));
        }
        if (type == Kinds.DEPLOYMENTS) {
            return List.of(Column.nameColumn(),
                    Column.of("Ready", o -> num(o.path("status").path("readyReplicas")) + "/"
                            + num(o.path("spec").path("replicas"))),
                    Column.number("Up-to-date", o -> num(o.path("status").path("updatedReplicas"))),
                    Column.number("Available", o -> num(o.path("status").path("availableReplicas"))), age(),
                    Column.wide("Containers", o -> containers(o, "name")),
                    Column.wide("Images", o -> containers(o, "image")),
                    Column.wide("Selector", o -> selector(o.path("spec").path("selector").path("matchLabels"))));
        }
        if (type == Kinds.REPLICA_SETS) {
            return List.of(Column.nameColumn(), Column.number("Desired", o -> num(o.path("spec").path("replicas"))),
                    Column.number("Current", o -> num(o.path("status").path("replicas"))),
                    Column.number("Ready", o -> num(o.path("status").path("readyReplicas"))), age(),
                    Column.wide("Containers", o -> containers(o, "name")),
                    Column.wide("Images", o -> containers(o, "image")),
                    Column.wide("Selector", o -> selector(o.path("spec").path("selector").path("matchLabels"))));
        }
        if (type == Kinds.SERVICES) {
            return List.of(Column.nameColumn(), Column.of("Type", o -> text(o.path("spec").path("type"), "ClusterIP")),
                    Column.of("Cluster-IP", o -> text(o.path("spec").path("clusterIP"), "<none>")),
                    Column.of("External-IP", o -> "<none>"), Column.of("Port(s)", TableColumns::servicePorts), age(),
                    Column.wide("Selector", o -> selector(o.path("spec").path("selector"))));
        }
        if (type == Kinds.NAMESPACES) {
            return List.of(Column.nameColumn(), Column.of("Status", o -> text(o.path("status").path("phase"), "Active")),
                    age());
        }
        if (type == Kinds.NODES) {
            return List.of(Column.nameColumn(), Column.of("Status", TableColumns::nodeStatus),
                    Column.of("Roles", o -> "<none>"), age(),
                    Column.of("Version", o -> text(o.path("status").path("nodeInfo").path("kubeletVersion"), "")),
                    Column.wide("Internal-IP", o -> nodeAddress(o, "InternalIP")),
                    Column.wide("External-IP", o -> nodeAddress(o, "ExternalIP")));
        }
        if (type == Kinds.ENDPOINTS) {
            return List.of(Column.nameColumn(), Column.of("Endpoints", TableColumns::endpoints), age());
        }
        if (type == Kinds.EVENTS) {
            return List.of(Column.of("Last Seen", o -> since(o.path("lastTimestamp").isMissingNode()
                            ? o.path("metadata").path("creationTimestamp") : o.path("lastTimestamp"))),
                    Column.of("Type", o -> text(o.path("type"), "")), Column.of("Reason", o -> text(o.path("reason"), "")),
                    Column.of("Object", o -> o.path("involvedObject").path("kind").asText("").toLowerCase()
                            + "/" + o.path("involvedObject").path("name").asText("")),
                    Column.of("Message", o -> text(o.path("message"), "")));
        }
        if (type == Kinds.LEASES) {
            return List.of(Column.nameColumn(), Column.of("Holder", o -> text(o.path("spec").path("holderIdentity"), "")),
                    age());
        }
        return List.of(Column.nameColumn(), age());
    }

    private Column age() {
        return new Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when "
                + "this object was created.", 0, o -> since(o.path("metadata").path("creationTimestamp")));
    }

    private String since(JsonNode timestamp) {
        if (!timestamp.isTextual()) {
            return "<unknown>";
        }
        try {
            return HumanDuration.format(Duration.between(Instant.parse(timestamp.asText()), clock.instant()));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    private String podReady(ObjectNode o) {
        int total = o.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode cs : o.path("status").path("containerStatuses")) {
            if (cs.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    private static String podStatus(ObjectNode o) {
        if (!o.path("metadata").path("deletionTimestamp").isMissingNode()) {
            return "Terminating";
        }
        for (JsonNode cs : o.path("status").path("containerStatuses")) {
            String waiting = cs.path("state").path("waiting").path("reason").asText("");
            if (!waiting.isEmpty()) {
                return waiting;
            }
            String terminated = cs.path("state").path("terminated").path("reason").asText("");
            if (!terminated.isEmpty()) {
                return terminated;
            }
        }
        String reason = o.path("status").path("reason").asText("");
        return reason.isEmpty() ? text(o.path("status").path("phase"), "Pending") : reason;
    }

    private static long podRestarts(ObjectNode o) {
        long n = 0;
        for (JsonNode cs : o.path("status").path("containerStatuses")) {
            n += cs.path("restartCount").asLong(0);
        }
        return n;
    }

    private static String nodeStatus(ObjectNode o) {
        String ready = "Unknown";
        for (JsonNode c : o.path("status").path("conditions")) {
            if (c.path("type").asText("").equals("Ready")) {
                ready = c.path("status").asText("").equals("True") ? "Ready" : "NotReady";
            }
        }
        return o.path("spec").path("unschedulable").asBoolean(false) ? ready + ",SchedulingDisabled" : ready;
    }

    private static String nodeAddress(ObjectNode o, String kind) {
        for (JsonNode a : o.path("status").path("addresses")) {
            if (a.path("type").asText("").equals(kind)) {
                return a.path("address").asText("<none>");
            }
        }
        return "<none>";
    }

    private static String servicePorts(ObjectNode o) {
        StringJoiner j = new StringJoiner(",");
        for (JsonNode p : o.path("spec").path("ports")) {
            String node = p.has("nodePort") ? ":" + p.get("nodePort").asText() : "";
            j.add(p.path("port").asText() + node + "/" + p.path("protocol").asText("TCP"));
        }
        String s = j.toString();
        return s.isEmpty() ? "<none>" : s;
    }

    private static String endpoints(ObjectNode o) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : o.path("subsets")) {
            for (JsonNode a : s.path("addresses")) {
                if (s.path("ports").isEmpty()) {
                    out.add(a.path("ip").asText());
                }
                for (JsonNode p : s.path("ports")) {
                    out.add(a.path("ip").asText() + ":" + p.path("port").asText());
                }
            }
        }
        if (out.isEmpty()) {
            return "<none>";
        }
        return out.size() > 3 ? String.join(",", out.subList(0, 3)) + " + " + (out.size() - 3) + " more..."
                : String.join(",", out);
    }

    private static String containers(ObjectNode o, String field) {
        StringJoiner j = new StringJoiner(",");
        for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
            j.add(c.path(field).asText(""));
        }
        return j.toString();
    }

    private static String selector(JsonNode labels) {
        if (!labels.isObject() || labels.isEmpty()) {
            return "<none>";
        }
        StringJoiner j = new StringJoiner(",");
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) labels::fields) {
            j.add(e.getKey() + "=" + e.getValue().asText());
        }
        return j.toString();
    }

    private static String text(JsonNode n, String absent) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : absent;
    }

    private static long num(JsonNode n) {
        return n.asLong(0);
    }
}
