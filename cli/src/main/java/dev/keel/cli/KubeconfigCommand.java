package dev.keel.cli;

import dev.keel.apiserver.kubeconfig.Kubeconfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel kubeconfig}: writes a kubeconfig for the admin of an apiserver (CA, server URL, token). */
@Command(
    name = "kubeconfig",
    mixinStandardHelpOptions = true,
    description = "Write a kubeconfig (CA, server URL, admin token) for an apiserver's data dir.")
final class KubeconfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "keel-data/apiserver", description = "The apiserver's data dir (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--server", defaultValue = "https://127.0.0.1:7443", description = "The apiserver URL (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--token-file", description = "Token file (default: <data-dir>/tokens.csv); its first token is used.")
  Path tokenFile;

  @Option(names = {"-o", "--output"}, description = "Write here instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    String text;
    try {
      text = Kubeconfig.forDataDir(dataDir, tokenFile != null ? tokenFile : dataDir.resolve("tokens.csv"), server);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Kubeconfig.write(output, text);
      spec.commandLine().getOut().println("wrote " + output.toAbsolutePath());
    }
    return 0;
  }
}
