package dev.keel.apiserver.http;

/** The body of a streamed response; opened once, after the response headers have been sent. */
@FunctionalInterface
public interface ResponseStream {
    void open(StreamSink sink);
}
