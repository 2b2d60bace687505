package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * How a Deployment replaces pods: type RollingUpdate (default) or Recreate.
 */
public record DeploymentStrategy(String type,
                                 RollingUpdateDeployment rollingUpdate,
                                 @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public DeploymentStrategy {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
