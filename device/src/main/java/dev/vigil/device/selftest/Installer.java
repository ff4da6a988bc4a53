package dev.vigil.device.selftest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/** The person fitting the box, at a terminal: told what to do, asked what they saw and heard. */
public interface Installer {
  void say(String line);

  /** Asks a yes/no question; anything but yes (including no answer at all) is no. */
  boolean confirm(String question);

  /** An installer answering on {@code in} and reading {@code out}. */
  static Installer console(BufferedReader in, PrintStream out) {
    return new Installer() {
      @Override
      public void say(String line) {
        out.println(line);
        out.flush();
      }

      @Override
      public boolean confirm(String question) {
        out.print(question + " [y/n] ");
        out.flush();
        try {
          String answer = in.readLine();
          out.println();
          return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
          return false;
        }
      }
    };
  }
}
