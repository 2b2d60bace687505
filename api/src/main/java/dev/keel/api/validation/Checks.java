package dev.keel.api.validation;

import dev.keel.api.meta.IntOrString;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Small shared range and enum checks used by the kind validators. */
final class Checks {
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private Checks() {
    }

    static void port(Integer port, FieldPath p, boolean required, List<FieldError> errs) {
        if (port == null) {
            if (required) {
                errs.add(FieldError.required(p, ""));
            }
            return;
        }
        if (port < 1 || port > 65535) {
            errs.add(FieldError.invalid(p, port, "must be between 1 and 65535, inclusive"));
        }
    }

    /** A port number or an IANA service name (a container port name). */
    static void portOrName(IntOrString port, FieldPath p, List<FieldError> errs) {
        if (port == null) {
            errs.add(FieldError.required(p, ""));
        } else if (port instanceof IntOrString.Int i) {
            port(i.value(), p, true, errs);
        } else {
            portName(((IntOrString.Str) port).value(), p, errs);
        }
    }

    static void portName(String name, FieldPath p, List<FieldError> errs) {
        if (name.length() > 15) {
            errs.add(FieldError.invalid(p, name, "must be no more than 15 characters"));
        }
        if (!IANA_SVC_NAME.matcher(name).matches()) {
            errs.add(FieldError.invalid(p, name, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
        } else if (!HAS_LETTER.matcher(name).matches()) {
            errs.add(FieldError.invalid(p, name, "must contain at least one letter (a-z)"));
        } else if (name.startsWith("-") || name.endsWith("-") || name.contains("--")) {
            errs.add(FieldError.invalid(p, name,
                    "must not begin or end with a hyphen, or contain adjacent hyphens"));
        }
    }

    static void nonNegative(Number v, FieldPath p, List<FieldError> errs) {
        if (v != null && v.longValue() < 0) {
            errs.add(FieldError.invalid(p, v, "must be greater than or equal to 0"));
        }
    }

    static void positive(Number v, FieldPath p, List<FieldError> errs) {
        if (v != null && v.longValue() <= 0) {
            errs.add(FieldError.invalid(p, v, "must be greater than 0"));
        }
    }

    /** A present value must be one of {@code supported}. */
    static void oneOf(String v, Collection<String> supported, FieldPath p, List<FieldError> errs) {
        if (v != null && !supported.contains(v)) {
            errs.add(FieldError.notSupported(p, v, supported));
        }
    }

    static void requiredString(String v, FieldPath p, List<FieldError> errs) {
        if (v == null || v.isEmpty()) {
            errs.add(FieldError.required(p, ""));
        }
    }
}
