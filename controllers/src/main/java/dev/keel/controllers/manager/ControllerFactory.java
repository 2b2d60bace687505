package dev.keel.controllers.manager;

import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;

import java.util.Objects;
import java.util.function.Function;

/**
 * How the manager makes one controller: its name (as {@code --controllers} names it) and a constructor over the
 * shared context. The manager calls {@code create} once per leadership term, with that term's informers.
 */
public record ControllerFactory(String name, Function<ControllerContext, Controller> create) {
    public ControllerFactory {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(create, "create");
    }
}
