package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * A container of a pod (also used for initContainers).
 */
public record Container(String name,
                        String image,
                        List<String> command,
                        List<String> args,
                        String workingDir,
                        List<ContainerPort> ports,
                        List<EnvVar> env,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ResourceRequirements.OmitWhenEmpty.class)
                        ResourceRequirements resources,
                        Probe livenessProbe,
                        Probe readinessProbe,
                        Probe startupProbe,
                        String imagePullPolicy,
                        String terminationMessagePath,
                        String terminationMessagePolicy,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public Container {
        command = Immutable.list(command);
        args = Immutable.list(args);
        ports = Immutable.list(ports);
        env = Immutable.list(env);
        resources = resources == null ? ResourceRequirements.EMPTY : resources;
        unknownFields = Immutable.unknown(unknownFields);
    }

    /** A container with just a name and an image. */
    public static Container of(String name, String image) {
        return builder().name(name).image(image).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.image = image;
        b.command = command;
        b.args = args;
        b.workingDir = workingDir;
        b.ports = ports;
        b.env = env;
        b.resources = resources;
        b.livenessProbe = livenessProbe;
        b.readinessProbe = readinessProbe;
        b.startupProbe = startupProbe;
        b.imagePullPolicy = imagePullPolicy;
        b.terminationMessagePath = terminationMessagePath;
        b.terminationMessagePolicy = terminationMessagePolicy;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link Container}; not thread-safe. */
    public static final class Builder {
        private String name;
        private String image;
        private List<String> command;
        private List<String> args;
        private String workingDir;
        private List<ContainerPort> ports;
        private List<EnvVar> env;
        private ResourceRequirements resources;
        private Probe livenessProbe;
        private Probe readinessProbe;
        private Probe startupProbe;
        private String imagePullPolicy;
        private String terminationMessagePath;
        private String terminationMessagePolicy;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder command(List<String> v) {
            command = v;
            return this;
        }

        public Builder args(List<String> v) {
            args = v;
            return this;
        }

        public Builder workingDir(String v) {
            workingDir = v;
            return this;
        }

        public Builder ports(List<ContainerPort> v) {
            ports = v;
            return this;
        }

        public Builder env(List<EnvVar> v) {
            env = v;
            return this;
        }

        public Builder resources(ResourceRequirements v) {
            resources = v;
            return this;
        }

        public Builder livenessProbe(Probe v) {
            livenessProbe = v;
            return this;
        }

        public Builder readinessProbe(Probe v) {
            readinessProbe = v;
            return this;
        }

        public Builder startupProbe(Probe v) {
            startupProbe = v;
            return this;
        }

        public Builder imagePullPolicy(String v) {
            imagePullPolicy = v;
            return this;
        }

        public Builder terminationMessagePath(String v) {
            terminationMessagePath = v;
            return this;
        }

        public Builder terminationMessagePolicy(String v) {
            terminationMessagePolicy = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public Container build() {
            return new Container(name, image, command, args, workingDir, ports, env, resources, livenessProbe, readinessProbe, startupProbe, imagePullPolicy, terminationMessagePath, terminationMessagePolicy, unknownFields);
        }
    }
}
