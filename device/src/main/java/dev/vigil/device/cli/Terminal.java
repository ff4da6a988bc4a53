package dev.vigil.device.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error for command-line results (decoded fixes, a self-test report). The one
 * place main code may touch them; everything else logs.
 */
public final class Terminal {
  private Terminal() {}

  /** Standard input, for the self-test's questions to the installer. */
  public static BufferedReader in() {
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  }

  public static PrintStream out() {
    // stdout-allowed: begin
    return System.out;
    // stdout-allowed: end
  }

  public static PrintStream err() {
    // stdout-allowed: begin
    return System.err;
    // stdout-allowed: end
  }
}
