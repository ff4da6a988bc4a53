package dev.vigil.gateway.desk;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The controlling terminal in character mode, through {@code stty} on {@code /dev/tty} (no native
 * library): keys arrive one by one, unechoed; Ctrl-C still stops the program. {@link #enter} also
 * switches to the alternate screen with the cursor hidden. {@link #restore} puts back the screen
 * and the settings found at {@link #enter}; it is also registered as a shutdown hook, so a kill or
 * Ctrl-C leaves the terminal usable.
 */
final class RawTerminal {
  private static final String ALTERNATE_SCREEN = "\u001b[?1049h\u001b[?25l";
  private static final String MAIN_SCREEN = "\u001b[0m\u001b[?25h\u001b[?1049l";

  private final String saved;
  private final Thread hook;
  private volatile boolean restored;

  private RawTerminal(String saved) {
    this.saved = saved;
    this.hook = new Thread(this::restoreQuietly, "desk-terminal-restore");
  }

  /** Saves the terminal's settings and switches to character mode. */
  static RawTerminal enter() throws IOException, InterruptedException {
    RawTerminal terminal = new RawTerminal(stty("-g").strip());
    Runtime.getRuntime().addShutdownHook(terminal.hook);
    stty("-icanon", "-echo", "min", "1", "time", "0");
    toTerminal(ALTERNATE_SCREEN);
    return terminal;
  }

  /** The terminal's size as {rows, columns}; {24, 80} when stty cannot tell. */
  static int[] size() {
    try {
      String[] words = stty("size").strip().split("\\s+");
      int rows = Integer.parseInt(words[0]);
      int columns = Integer.parseInt(words[1]);
      return rows > 0 && columns > 0 ? new int[] {rows, columns} : new int[] {24, 80};
    } catch (IOException | InterruptedException | RuntimeException e) {
      return new int[] {24, 80};
    }
  }

  /** Puts the saved settings back (once). */
  void restore() throws IOException, InterruptedException {
    if (!restored) {
      restored = true;
      toTerminal(MAIN_SCREEN);
      stty(saved);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is what is running this.
      }
    }
  }

  private void restoreQuietly() {
    try {
      restore();
    } catch (IOException | InterruptedException e) {
      // Shutting down: nothing left to tell.
    }
  }

  private static void toTerminal(String sequence) throws IOException {
    try (java.io.OutputStream tty = new java.io.FileOutputStream("/dev/tty")) {
      tty.write(sequence.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static String stty(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "stty";
    System.arraycopy(args, 0, command, 1, args.length);
    Process stty =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/tty"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (stty.waitFor() != 0) {
      throw new IOException("stty " + String.join(" ", args) + " failed");
    }
    return out;
  }
}
