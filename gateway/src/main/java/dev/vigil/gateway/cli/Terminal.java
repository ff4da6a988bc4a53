package dev.vigil.gateway.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Standard output and error for command-line results (a command's JSON, a token, a report). The one
 * place main code may touch them; everything else logs.
 */
public final class Terminal {
  private Terminal() {}

  public static PrintStream out() {
    // stdout-allowed: begin
    return System.out;
    // stdout-allowed: end
  }

  /** Standard input, for a command that reads the operator's lines or keys (the desk). */
  public static InputStream in() {
    return System.in;
  }

  public static PrintStream err() {
    // stdout-allowed: begin
    return System.err;
    // stdout-allowed: end
  }
}
