package dev.vigil.gateway.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java program the harness runs as a real operating-system process, so that it can be killed with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux). Its output is appended to a log file.
 */
final class Child {
  /** Every process started, so that a harness stopped by Ctrl-C or SIGTERM leaves none behind. */
  private static final java.util.Set<Process> STARTED =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly), "children"));
  }

  private final Process process;
  private final Path log;
  private final long logStart;

  private Child(Process process, Path log, long logStart) {
    this.process = process;
    this.log = log;
    this.logStart = logStart;
  }

  /** Starts {@code mainClass} on the harness's own class path with {@code jvmOptions}. */
  static Child java(List<String> jvmOptions, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // The test class path carries tinylog-test.properties, whose file writer appends to the tests'
    // own target/test-gateway.log. Two JVMs appending there at stale offsets overwrite each other's
    // lines, and the security tests read that file: a child logs beside its console log instead.
    command.add("-Dtinylog.writer2.file=" + log.toAbsolutePath() + ".tinylog");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return start(command, log);
  }

  static Child start(List<String> command, Path log) throws IOException {
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    STARTED.add(process);
    process.onExit().thenAccept(STARTED::remove);
    return new Child(process, log, logStart);
  }

  /** Waits until this process logged {@code text}; false if it died or the time ran out first. */
  boolean awaitLog(String text, long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (logged(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return logged(text);
      }
      Thread.sleep(50);
    }
    return false;
  }

  private boolean logged(String text) throws IOException {
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
      long from = Math.min(logStart, file.length());
      byte[] tail = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8).contains(text);
    }
  }

  /** Writes one line to the process's standard input (ignored once it has died). */
  void println(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      // The process is gone (killed): a press it never read is a press that never happened.
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM (an orderly stop), then SIGKILL if it has not stopped after {@code graceMs}. */
  void stop(long graceMs) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      kill();
    }
  }
}
