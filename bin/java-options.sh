# Sourced by the launchers (bin/keel, bench/keel-bench, bench/*.sh): the JVM options Keel's processes start with,
# before the user's own (KEEL_JAVA_OPTS, KEEL_BENCH_JAVA_OPTS), which come later and so win.
#
# On a machine with at most 2 CPUs the JIT compiles with C1 only (-XX:TieredStopAtLevel=1). There HotSpot's C2
# compiler takes one of the two cores for minutes under load while the code runs slowly profiled; C1's code is
# slower than C2's once warm, but on 2 cores it won every scheduler run we measured, cold and after a warm-up
# (README, "The JIT on small machines"). `-XX:TieredStopAtLevel=4` in KEEL_JAVA_OPTS restores the JVM's default.
keel_default_java_opts() {
  local cpus
  cpus=$(nproc 2>/dev/null || echo 4)
  if [ "$cpus" -le 2 ]; then
    echo "-XX:TieredStopAtLevel=1"
  fi
}
