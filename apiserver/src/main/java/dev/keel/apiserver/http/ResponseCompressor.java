package dev.keel.apiserver.http;

import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpResponse;

/**
 * gzip (level 1) for whole responses of at least {@link #THRESHOLD} bytes when the request's Accept-Encoding allows it (Go's
 * HTTP client, hence kubectl, always asks and decompresses transparently). Streamed responses (watches, followed
 * logs) are never compressed, as in Kubernetes: each event must reach the client when it is written, not when a
 * compressor's buffer fills.
 */
final class ResponseCompressor extends HttpContentCompressor {
    static final int THRESHOLD = 1024;
    /**
     * Fastest compression, as Kubernetes chose (gzip level 1): API objects are repetitive JSON, so level 1 already
     * shrinks them several times, and a 10,000-pod list compresses in a fraction of what level 6 takes.
     */
    static final int LEVEL = 1;

    ResponseCompressor() {
        super(THRESHOLD, StandardCompressionOptions.gzip(LEVEL, 15, 8));
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        if (!(response instanceof FullHttpResponse)) {
            return null;
        }
        return super.beginEncode(response, acceptEncoding);
    }
}
