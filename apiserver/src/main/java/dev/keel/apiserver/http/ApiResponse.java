package dev.keel.apiserver.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** What a request gets back: a whole body, or a stream (a watch, a followed log) that writes itself. */
public sealed interface ApiResponse permits ApiResponse.Full, ApiResponse.Streamed {

    /** The HTTP status code (200 for a stream). */
    int code();

    /** A complete response. */
    record Full(int code, String contentType, byte[] body, Map<String, String> headers) implements ApiResponse {
        public Full {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /** A chunked response whose chunks {@link ResponseStream#open} writes to its sink. */
    record Streamed(String contentType, ResponseStream stream) implements ApiResponse {
        @Override
        public int code() {
            return 200;
        }
    }

    static Full json(int code, byte[] body) {
        return new Full(code, "application/json", body, Map.of());
    }

    static Full text(int code, String body) {
        return new Full(code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
