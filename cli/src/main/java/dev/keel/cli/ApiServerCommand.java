package dev.keel.cli;

import dev.keel.apiserver.ApiServer;
import dev.keel.apiserver.ApiServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel apiserver}: the Kubernetes-style API over HTTPS, storing objects in the Keel store. */
@Command(
    name = "apiserver",
    mixinStandardHelpOptions = true,
    description = "Run the apiserver (HTTPS with token auth; kubectl works against it).")
final class ApiServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--store", split = ",", defaultValue = "127.0.0.1:7379",
      description = "Store client endpoints host:port,... (default: ${DEFAULT-VALUE}).")
  List<String> store;

  @Option(names = "--data-dir", defaultValue = "keel-data/apiserver",
      description = "Holds pki/ (CA and serving certificate, made on first start) and tokens.csv (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "7443", description = "HTTPS port; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--insecure-port", defaultValue = "-1",
      description = "Plain HTTP port without authentication, loopback tests only; -1 = off (default: ${DEFAULT-VALUE}).")
  int insecurePort;

  @Option(names = "--token-file",
      description = "Static tokens, one per line: token,user,uid,\"group1,group2\" (default: <data-dir>/tokens.csv, made with a random admin token).")
  Path tokenFile;

  @Override
  public Integer call() throws Exception {
    ApiServerConfig config;
    try {
      config = ApiServerConfig.of(store, dataDir).withHost(host).withPorts(port, insecurePort);
      if (tokenFile != null) {
        config = config.withTokenFile(tokenFile);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ApiServer server = new ApiServer(config).start();
    spec.commandLine().getOut().printf("keel apiserver: https %d, http %d, store %s, data %s%n",
        server.securePort(), server.insecurePort(), String.join(",", store), dataDir.toAbsolutePath());
    spec.commandLine().getOut().flush();
    Daemon.runUntilShutdown("apiserver", server);
    return 0;
  }
}
