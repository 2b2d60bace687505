package dev.keel.api.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.keel.api.quantity.Quantity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Turns Jackson's exceptions into {@link DecodeException}s that name the field in Kubernetes' path syntax. */
final class DecodeErrors {
    private DecodeErrors() {
    }

    static DecodeException from(JsonProcessingException e, String format) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        StreamReadException syntax = e instanceof StreamReadException s ? s
                : e.getCause() instanceof StreamReadException s ? s : null;
        if (syntax != null) {
            return new DecodeException(path, "malformed " + format + ": " + firstLine(syntax.getOriginalMessage()),
                    line, column, e);
        }
        if (e instanceof JsonMappingException m) {
            return new DecodeException(path, reason(m), line, column, e);
        }
        return new DecodeException("", firstLine(e.getOriginalMessage()), line, column, e);
    }

    /** {@code spec.containers[0].name} from Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String reason(JsonMappingException m) {
        if (m instanceof ValueInstantiationException && m.getCause() != null) {
            return firstLine(m.getCause().getMessage());
        }
        if (m instanceof InvalidFormatException f) {
            return "invalid value \"" + f.getValue() + "\": expected " + describe(f.getTargetType());
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            String msg = m.getOriginalMessage();
            if (msg != null && msg.startsWith("No content to map")) {
                return "empty body";
            }
            return "wrong type: expected " + describe(mi.getTargetType());
        }
        return firstLine(m.getOriginalMessage());
    }

    private static String describe(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "a boolean";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Quantity.class) {
            return "a quantity such as \"500m\" or \"128Mi\"";
        }
        if (t == Instant.class) {
            return "an RFC 3339 timestamp such as \"2024-01-02T03:04:05Z\"";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "an object";
        }
        return t.getSimpleName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
