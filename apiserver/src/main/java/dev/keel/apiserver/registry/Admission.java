package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.validation.Defaults;
import dev.keel.api.validation.FieldError;
import dev.keel.api.validation.Validation;
import dev.keel.apiserver.status.Errors;

import java.util.List;

/**
 * The typed checks of a write: the tree is bound to the kind's record (a bad value is a 400 naming the field, a
 * wrong kind or apiVersion too), defaulted, validated (422 with one cause per field) and turned back into a tree.
 */
final class Admission {
    private final KubeCodec codec;

    Admission(KubeCodec codec) {
        this.codec = codec;
    }

    ObjectNode admit(ResourceType<?> type, ObjectNode tree) {
        return codec.toTree(admitTyped(type, tree));
    }

    /** The object admitted, in its typed form (which encodes as {@link #admit}'s tree). */
    KubeObject admitTyped(ResourceType<?> type, ObjectNode tree) {
        KubeObject typed = Defaults.apply(codec.fromTree(tree, type.type()));
        List<FieldError> errors = Validation.validate(typed);
        if (!errors.isEmpty()) {
            throw Errors.invalid(type.gvk().group(), type.gvk().kind(), typed.metadata().name(), errors);
        }
        return typed;
    }

    /** Binds without defaulting or validating (selectable fields of stored objects). */
    KubeObject typed(ResourceType<?> type, ObjectNode tree) {
        return codec.fromTree(tree, type.type());
    }
}
