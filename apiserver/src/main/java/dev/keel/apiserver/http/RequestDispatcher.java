package dev.keel.apiserver.http;

import java.util.concurrent.CompletableFuture;

/**
 * Answers requests. Implementations never block the calling event loop: store work completes the future later,
 * on another thread. A failed future carries an {@code ApiException} or an unexpected error.
 */
@FunctionalInterface
public interface RequestDispatcher {
    CompletableFuture<ApiResponse> dispatch(ApiRequest request);
}
