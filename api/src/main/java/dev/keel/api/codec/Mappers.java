package dev.keel.api.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keel.api.meta.UnknownFieldsModule;

/**
 * Builds the two Jackson mappers the codec uses. Both write what Kubernetes writes: nulls and empty strings,
 * lists and maps are left out (its {@code omitempty}), while map entries are kept as they are (a label may have
 * an empty value); timestamps are RFC 3339 strings; record components keep their declaration order
 * (apiVersion, kind, metadata, spec, status).
 */
final class Mappers {
    private Mappers() {
    }

    static ObjectMapper json() {
        return configure(JsonMapper.builder().build());
    }

    static ObjectMapper yaml() {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        return configure(new YAMLMapper(factory));
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.registerModule(new JavaTimeModule());
        m.registerModule(Timestamps.module()); // registered later, so it takes precedence for Instant
        m.registerModule(UnknownFieldsModule.module());
        m.registerModule(new SimpleModule("keel-strings").addDeserializer(String.class, new SharedStrings()));
        // Records expose helpers such as isEmpty() and isTrue(); only record components are properties.
        m.disable(MapperFeature.AUTO_DETECT_IS_GETTERS);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // Unknown fields keep their numbers exactly as written ("2.50" stays "2.50").
        m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        m.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS));
        return m;
    }
}
