package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.IntOrString;

import java.util.List;
import java.util.Map;

/**
 * A probe that GETs {@code scheme://host:port/path}; 200-399 is success.
 */
public record HttpGetAction(String path,
                            IntOrString port,
                            String host,
                            String scheme,
                            List<HttpHeader> httpHeaders,
                            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public HttpGetAction {
        httpHeaders = Immutable.list(httpHeaders);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public HttpGetAction withScheme(String scheme) {
        return new HttpGetAction(path, port, host, scheme, httpHeaders, unknownFields);
    }
}
