package dev.keel.apiserver.rest;

import dev.keel.api.codec.KubeCodec;
import dev.keel.apiserver.auth.Authorizer;
import dev.keel.apiserver.discovery.Discovery;
import dev.keel.apiserver.logs.NodeLogProxy;
import dev.keel.apiserver.metrics.ApiMetrics;
import dev.keel.apiserver.openapi.OpenApiDocuments;
import dev.keel.apiserver.registry.ObjectRegistry;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.table.TableWriter;
import dev.keel.apiserver.watch.ObjectDecoder;
import dev.keel.apiserver.watch.WatchCacheConfig;
import dev.keel.apiserver.watch.WatchCaches;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/** Wires the REST layer: one call that builds the {@link Router} and its handlers from the shared parts. */
public final class RestApi {
    private RestApi() {
    }

    public static Router router(ObjectStore store, ObjectRegistry registry, WatchCaches caches, KubeCodec codec,
                                ApiMetrics metrics, WatchCacheConfig cacheConfig, ServingOptions options,
                                BooleanSupplier ready, Clock clock, NodeLogProxy logs) {
        TableWriter tables = new TableWriter(codec.jsonMapper(), clock);
        Replies replies = new Replies(codec.jsonMapper(), tables);
        ObjectDecoder decoder = new ObjectDecoder(codec);
        Lister lister = new Lister(store, caches, decoder, replies, options);
        Watches watches = new Watches(caches, decoder, codec, tables, cacheConfig, options);
        ResourceHandler resources = new ResourceHandler(registry, lister, watches, new Bodies(codec.jsonMapper()),
                replies, new ScaleView(codec.jsonMapper()), options, logs);
        Discovery discovery = new Discovery(codec.jsonMapper());
        return new Router(resources, discovery, new OpenApiDocuments(codec.jsonMapper(), discovery), new Authorizer(),
                metrics, codec, replies, ready, clock);
    }
}
