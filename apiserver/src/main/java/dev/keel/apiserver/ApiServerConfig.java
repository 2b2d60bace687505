package dev.keel.apiserver;

import dev.keel.apiserver.allocation.ServiceNetwork;
import dev.keel.apiserver.rest.ServingOptions;
import dev.keel.apiserver.watch.WatchCacheConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of the apiserver.
 *
 * @param storeEndpoints "host:port" of the store replicas' client ports ("inprocess:NAME" for replicas in this JVM)
 * @param dataDir        holds {@code pki/} (CA and serving certificate, made on first start) and, unless
 *                       {@code tokenFile} is given, {@code tokens.csv} (made with a random admin token)
 * @param host           address both ports bind to (default 127.0.0.1)
 * @param securePort     HTTPS port with token authentication (default 7443; 0 = a free port, -1 = off)
 * @param insecurePort   plain HTTP port without authentication, for loopback tests (default -1 = off; 0 = free)
 * @param tokenFile      static token file ({@code token,user,uid,"groups"}); empty = {@code dataDir/tokens.csv}
 * @param maxBodyBytes   largest request body (default 3 MiB, as Kubernetes); larger gets 413
 * @param storeTimeout   deadline of each store call (default 10 s)
 * @param startTimeout   how long {@link ApiServer#start()} waits for the watch caches' first sync (default 30 s)
 * @param services       the cluster IP and node port ranges of Services
 */
public record ApiServerConfig(List<String> storeEndpoints, Path dataDir, String host, int securePort,
                              int insecurePort, Optional<Path> tokenFile, int maxBodyBytes, Duration storeTimeout,
                              Duration startTimeout, WatchCacheConfig watchCache, ServingOptions serving,
                              ServiceNetwork services) {
    public static final int DEFAULT_PORT = 7443;
    public static final int DEFAULT_MAX_BODY = 3 * 1024 * 1024;

    public ApiServerConfig {
        storeEndpoints = List.copyOf(storeEndpoints);
        if (storeEndpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one store endpoint (host:port) is required");
        }
        if (dataDir == null || host == null || host.isBlank()) {
            throw new IllegalArgumentException("dataDir and host must be set");
        }
        checkPort("securePort", securePort);
        checkPort("insecurePort", insecurePort);
        if (securePort == -1 && insecurePort == -1) {
            throw new IllegalArgumentException("at least one of securePort and insecurePort must be on");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
    }

    private static void checkPort(String name, int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be -1 (off), 0 (any) or 1..65535, got " + port);
        }
    }

    /** Defaults: HTTPS on 7443, no insecure port. */
    public static ApiServerConfig of(List<String> storeEndpoints, Path dataDir) {
        return new ApiServerConfig(storeEndpoints, dataDir, "127.0.0.1", DEFAULT_PORT, -1, Optional.empty(),
                DEFAULT_MAX_BODY, Duration.ofSeconds(10), Duration.ofSeconds(30), WatchCacheConfig.defaults(),
                ServingOptions.defaults(), ServiceNetwork.defaults());
    }

    public ApiServerConfig withPorts(int secure, int insecure) {
        return new ApiServerConfig(storeEndpoints, dataDir, host, secure, insecure, tokenFile, maxBodyBytes,
                storeTimeout, startTimeout, watchCache, serving, services);
    }

    public ApiServerConfig withTokenFile(Path file) {
        return new ApiServerConfig(storeEndpoints, dataDir, host, securePort, insecurePort, Optional.of(file),
                maxBodyBytes, storeTimeout, startTimeout, watchCache, serving, services);
    }

    public ApiServerConfig withWatchCache(WatchCacheConfig cache) {
        return new ApiServerConfig(storeEndpoints, dataDir, host, securePort, insecurePort, tokenFile, maxBodyBytes,
                storeTimeout, startTimeout, cache, serving, services);
    }

    public ApiServerConfig withHost(String h) {
        return new ApiServerConfig(storeEndpoints, dataDir, h, securePort, insecurePort, tokenFile, maxBodyBytes,
                storeTimeout, startTimeout, watchCache, serving, services);
    }

    public ApiServerConfig withServices(ServiceNetwork network) {
        return new ApiServerConfig(storeEndpoints, dataDir, host, securePort, insecurePort, tokenFile, maxBodyBytes,
                storeTimeout, startTimeout, watchCache, serving, network);
    }

    /** The token file in use. */
    public Path effectiveTokenFile() {
        return tokenFile.orElse(dataDir.resolve("tokens.csv"));
    }

    /** Names the serving certificate covers: loopback, localhost and the bind host. */
    public List<String> certificateHosts() {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "localhost"));
        if (!hosts.contains(host) && !host.equals("0.0.0.0")) {
            hosts.add(host);
        }
        return hosts;
    }
}
