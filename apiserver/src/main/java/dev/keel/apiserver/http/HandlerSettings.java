package dev.keel.apiserver.http;

import dev.keel.api.codec.KubeCodec;
import dev.keel.apiserver.auth.Authenticator;

import java.util.Optional;
import java.util.Set;

/**
 * What every connection's handler needs.
 *
 * @param authenticator bearer-token authentication; empty on the insecure port (every caller is the loopback admin)
 * @param publicPaths   paths answered without authentication (/healthz, /version, ...)
 * @param maxBodyBytes  largest request body; larger ones get 413
 */
public record HandlerSettings(RequestDispatcher dispatcher, KubeCodec codec, Optional<Authenticator> authenticator,
                              Set<String> publicPaths, int maxBodyBytes) {
    public HandlerSettings {
        publicPaths = Set.copyOf(publicPaths);
    }

    public HandlerSettings insecure() {
        return new HandlerSettings(dispatcher, codec, Optional.empty(), publicPaths, maxBodyBytes);
    }
}
