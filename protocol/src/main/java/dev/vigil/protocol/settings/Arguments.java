package dev.vigil.protocol.settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options: {@code --name value} pairs and {@code key=value} setting overrides. Every
 * option takes a value; an option given without one is a usage error naming it.
 */
public final class Arguments {
  private final Map<String, String> options;
  private final Map<String, String> overrides;

  private Arguments(Map<String, String> options, Map<String, String> overrides) {
    this.options = options;
    this.overrides = overrides;
  }

  public static Arguments parse(String[] args, int from) {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")) {
        if (i + 1 >= args.length) {
          throw new UsageException(arg + " needs a value");
        }
        options.put(arg, args[++i]);
      } else if (arg.contains("=")) {
        int eq = arg.indexOf('=');
        overrides.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else {
        throw new UsageException("unexpected argument: " + arg);
      }
    }
    return new Arguments(options, overrides);
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(options.get(name));
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new UsageException(name + " is required"));
  }

  public Optional<Path> path(String name) {
    return optional(name).map(Path::of);
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  /** The command line is wrong; the message says how. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
