package dev.keel.apiserver.rest;

import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.ObjectFields;
import dev.keel.api.selector.Selector;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.watch.WatchFilter;

import java.util.Optional;

/**
 * The list and watch parameters of a request: selectors (checked: a malformed selector or an unsupported field is a
 * 400), {@code limit}, {@code continue}, {@code resourceVersion}, {@code timeoutSeconds},
 * {@code allowWatchBookmarks}.
 */
record ListRequest(WatchFilter filter, int limit, Optional<String> continueToken, Optional<String> resourceVersion,
                   Optional<Long> timeoutSeconds, boolean bookmarks) {

    static ListRequest of(ApiRequest r, ResourcePath p, int maxLimit) {
        Selector labels = Selector.parse(r.param("labelSelector").orElse(""));
        FieldSelector fields = FieldSelector.parse(r.param("fieldSelector").orElse(""))
                .requireSupported(ObjectFields.supported(p.type().type()), p.type().plural());
        int limit = (int) Math.min(maxLimit, number(r, "limit").orElse(0L));
        if (limit < 0) {
            throw Errors.badRequest("limit must not be negative");
        }
        Optional<String> rv = r.param("resourceVersion").filter(s -> !s.isEmpty());
        rv.ifPresent(v -> {
            if (!v.matches("[0-9]+")) {
                throw Errors.badRequest("resourceVersion: invalid value \"" + v + "\": must be a decimal revision");
            }
        });
        return new ListRequest(new WatchFilter(p.namespace(), labels, fields), limit,
                r.param("continue").filter(s -> !s.isEmpty()), rv, number(r, "timeoutSeconds"),
                r.flag("allowWatchBookmarks"));
    }

    private static Optional<Long> number(ApiRequest r, String name) {
        Optional<String> v = r.param(name).filter(s -> !s.isEmpty());
        try {
            return v.map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw Errors.badRequest(name + ": invalid value \"" + v.get() + "\": must be an integer");
        }
    }

    /** The revision asked for, or empty for "most recent" ({@code ""}) ; {@code 0} means "any". */
    Optional<Long> revision() {
        return resourceVersion.map(Long::parseLong);
    }
}
