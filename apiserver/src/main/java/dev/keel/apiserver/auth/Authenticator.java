package dev.keel.apiserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** Bearer-token authentication against a {@link TokenFile}. Thread-safe (immutable). */
public final class Authenticator {
    private final Map<String, User> tokens;

    public Authenticator(TokenFile file) {
        this.tokens = file.tokens();
    }

    /** The user of an {@code Authorization} header value, if it is {@code Bearer <known token>}. */
    public Optional<User> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, User> e : tokens.entrySet()) {
            // constant-time per candidate, so the answer time does not leak a matching prefix
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
