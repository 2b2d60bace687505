package dev.keel.apiserver.rest;

import dev.keel.apiserver.status.Errors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code continue} token of a paged list: the store revision of the first page (every page reads at it, so
 * the pages form one consistent snapshot) and the key to resume from. Written as base64url of
 * {@code <revision>/<key>}; an unreadable token is a 400.
 */
record ContinueToken(long revision, String startKey) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((revision + "/" + startKey).getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int slash = s.indexOf('/');
            long rev = Long.parseLong(s.substring(0, slash));
            String key = s.substring(slash + 1);
            if (rev <= 0 || !key.startsWith("/registry/")) {
                throw new IllegalArgumentException("bad token");
            }
            return new ContinueToken(rev, key);
        } catch (RuntimeException e) {
            throw Errors.badRequest("invalid continue token \"" + token + "\": it was not made by this server");
        }
    }
}
