package dev.keel.api.meta;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableAnyProperty;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.util.Map;

/**
 * Lets the records keep the unknown fields they are decoded with without copying them again: the records' any-setter
 * ({@code @JsonAnySetter Map<String, JsonNode> unknownFields}, a constructor parameter) collects the fields into a
 * {@link DecodedFields} instead of a plain {@link java.util.HashMap}, which {@link Immutable#unknown} recognises.
 *
 * <p>Every tree in that map is one Jackson built for it: a text parser (JSON, YAML) makes each node anew; a tree
 * parser (binding a {@link JsonNode}, as {@code KubeCodec.fromTree} does) can hand out a node of the caller's tree (a
 * {@code JsonNode} inside a {@code POJONode} is returned as it is), so with one the tree is deep-copied here.
 */
public final class UnknownFieldsModule {
    private UnknownFieldsModule() {
    }

    /** The module to register on a mapper that binds the records. */
    public static Module module() {
        SimpleModule m = new SimpleModule("keel-unknown-fields");
        m.setDeserializerModifier(new Modifier());
        return m;
    }

    private static final class Modifier extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription beanDesc,
                                                     BeanDeserializerBuilder builder) {
            SettableAnyProperty any = builder.getAnySetter();
            if (any != null && !(any instanceof Decoding) && any.getParameterIndex() >= 0
                    && any.getProperty().getMember().getRawType() == Map.class
                    && any.getType().hasRawClass(JsonNode.class)) {
                builder.setAnySetter(null); // the builder refuses to replace one directly
                builder.setAnySetter(new Decoding(any));
            }
            return builder;
        }
    }

    /**
     * The records' any-setter (a {@code Map<String, JsonNode>} constructor parameter), collecting into a
     * {@link DecodedFields}; Jackson's own one, which it wraps, reads the values.
     */
    private static final class Decoding extends SettableAnyProperty {
        private static final long serialVersionUID = 1L;
        private final SettableAnyProperty jacksons;

        Decoding(SettableAnyProperty jacksons) {
            super(jacksons.getProperty(), jacksons.getProperty().getMember(), jacksons.getType(), null, null, null);
            this.jacksons = jacksons;
        }

        @Override
        public boolean hasValueDeserializer() {
            return jacksons.hasValueDeserializer();
        }

        @Override
        public SettableAnyProperty withValueDeserializer(JsonDeserializer<Object> deser) {
            return new Decoding(jacksons.withValueDeserializer(deser));
        }

        @Override
        public int getParameterIndex() {
            return jacksons.getParameterIndex();
        }

        @Override
        public Object createParameterObject() {
            return new DecodedFields();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = jacksons.deserialize(p, ctxt);
            return p instanceof ParserBase || !(value instanceof JsonNode node) ? value : node.deepCopy();
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void _set(Object instance, Object propName, Object value) {
            ((Map<Object, Object>) instance).put(propName, value);
        }
    }
}
