package dev.vigil.device;

import java.io.PrintStream;

/** Lets tests in other packages run the command line as {@code vigil-device} would. */
public final class DeviceMainAccess {
  private DeviceMainAccess() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return DeviceMain.run(args, out, err);
  }
}
