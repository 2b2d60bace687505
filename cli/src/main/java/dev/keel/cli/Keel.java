package dev.keel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code keel} launcher: one subcommand per daemon. */
@Command(
    name = "keel",
    mixinStandardHelpOptions = true,
    version = "keel 0.1.0",
    description = "Keel: a Raft-replicated, etcd-compatible store and a Kubernetes-style control plane.",
    subcommands = {StoreCommand.class, UpCommand.class, ApiServerCommand.class, SchedulerCommand.class,
        ControllerManagerCommand.class, NodeCommand.class,
        KubeconfigCommand.class})
public final class Keel {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Keel()).execute(args));
  }
}
