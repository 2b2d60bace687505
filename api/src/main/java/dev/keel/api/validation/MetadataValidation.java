package dev.keel.api.validation;

import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks metadata: name (or generateName) by the kind's rule, namespace, labels, annotations, owners, finalizers. */
final class MetadataValidation {
    private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    private MetadataValidation() {
    }

    static void validate(ObjectMeta m, boolean namespaced, Function<String, List<String>> nameRule,
                         List<FieldError> errs) {
        FieldPath p = FieldPath.root("metadata");
        if (isEmpty(m.name()) && isEmpty(m.generateName())) {
            errs.add(FieldError.required(p.child("name"), "name or generateName is required"));
        }
        if (!isEmpty(m.name())) {
            for (String e : nameRule.apply(m.name())) {
                errs.add(FieldError.invalid(p.child("name"), m.name(), e));
            }
        }
        if (!isEmpty(m.generateName())) {
            String prefix = m.generateName().endsWith("-")
                    ? m.generateName().substring(0, m.generateName().length() - 1) : m.generateName();
            for (String e : nameRule.apply(prefix)) {
                errs.add(FieldError.invalid(p.child("generateName"), m.generateName(), e));
            }
        }
        if (namespaced) {
            if (isEmpty(m.namespace())) {
                errs.add(FieldError.required(p.child("namespace"), ""));
            } else {
                for (String e : NameRules.dns1123Label(m.namespace())) {
                    errs.add(FieldError.invalid(p.child("namespace"), m.namespace(), e));
                }
            }
        } else if (!isEmpty(m.namespace())) {
            errs.add(FieldError.forbidden(p.child("namespace"), "not allowed on this type"));
        }
        labels(m.labels(), p.child("labels"), errs);
        annotations(m.annotations(), p.child("annotations"), errs);
        for (int i = 0; i < m.ownerReferences().size(); i++) {
            owner(m.ownerReferences().get(i), p.child("ownerReferences").index(i), errs);
        }
        for (int i = 0; i < m.finalizers().size(); i++) {
            String f = m.finalizers().get(i);
            for (String e : NameRules.qualifiedName(f)) {
                errs.add(FieldError.invalid(p.child("finalizers").index(i), f, e));
            }
        }
        if (m.generation() != null && m.generation() < 0) {
            errs.add(FieldError.invalid(p.child("generation"), m.generation(), "must be greater than or equal to 0"));
        }
    }

    /** Label keys must be qualified names and values valid label values. */
    static void labels(Map<String, String> labels, FieldPath p, List<FieldError> errs) {
        for (Map.Entry<String, String> e : labels.entrySet()) {
            for (String msg : NameRules.qualifiedName(e.getKey())) {
                errs.add(FieldError.invalid(p, e.getKey(), msg));
            }
            for (String msg : NameRules.labelValue(e.getValue())) {
                errs.add(FieldError.invalid(p.key(e.getKey()), e.getValue(), msg));
            }
        }
    }

    private static void annotations(Map<String, String> annotations, FieldPath p, List<FieldError> errs) {
        long bytes = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            for (String msg : NameRules.qualifiedName(e.getKey())) {
                errs.add(FieldError.invalid(p, e.getKey(), msg));
            }
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > ANNOTATIONS_MAX_BYTES) {
            errs.add(FieldError.invalid(p, "", "may not have more than " + ANNOTATIONS_MAX_BYTES + " bytes, has " + bytes));
        }
    }

    private static void owner(OwnerReference o, FieldPath p, List<FieldError> errs) {
        if (isEmpty(o.apiVersion())) {
            errs.add(FieldError.invalid(p.child("apiVersion"), "", "version must not be empty"));
        }
        if (isEmpty(o.kind())) {
            errs.add(FieldError.invalid(p.child("kind"), "", "kind must not be empty"));
        }
        if (isEmpty(o.name())) {
            errs.add(FieldError.invalid(p.child("name"), "", "name must not be empty"));
        }
        if (isEmpty(o.uid())) {
            errs.add(FieldError.invalid(p.child("uid"), "", "uid must not be empty"));
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
