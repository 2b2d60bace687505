package dev.keel.api.events;

import dev.keel.api.core.Event;
import dev.keel.api.core.ObjectReference;

/** What makes two events "the same" for aggregation: the object, the type, the reason and the message. */
record EventKey(String namespace, String kind, String name, String uid, String type, String reason,
                String message) {
    static EventKey of(Event e) {
        ObjectReference r = e.involvedObject();
        return new EventKey(e.metadata().namespace(), r.kind(), r.name(), r.uid(), e.type(), e.reason(),
                e.message());
    }
}
