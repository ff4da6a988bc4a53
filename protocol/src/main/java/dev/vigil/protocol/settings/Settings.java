package dev.vigil.protocol.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a flat {@code key=value} configuration, shared by the device's and the gateway's
 * configuration classes so both fail the same way: at start, naming the key and the bad value.
 *
 * <p>It lives in the protocol module because the two programs share nothing else, and it does no
 * I/O: callers load the file and hand over the properties. Keys that a program does not know are
 * reported by {@link #unknownKeys}, so a typo in a config file is an error rather than a silently
 * ignored line.
 */
public final class Settings {
  private final Properties values;
  private final String source;
  private final Set<String> read = new TreeSet<>();

  public Settings(Properties values, String source) {
    this.values = values;
    this.source = source;
  }

  public static Settings of(Map<String, String> map, String source) {
    Properties properties = new Properties();
    properties.putAll(map);
    return new Settings(properties, source);
  }

  public String string(String key, String fallback) {
    return optional(key).orElse(fallback);
  }

  public String required(String key) {
    return optional(key).orElseThrow(() -> bad(key, null, "is required"));
  }

  public Optional<String> optional(String key) {
    read.add(key);
    String value = values.getProperty(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.trim());
  }

  public int integer(String key, int fallback, int min, int max) {
    long value = longValue(key, fallback, min, max);
    return (int) value;
  }

  public long longValue(String key, long fallback, long min, long max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw bad(key, raw.get(), "is not a whole number");
    }
    if (value < min || value > max) {
      throw bad(key, raw.get(), "must be between " + min + " and " + max);
    }
    return value;
  }

  public double decimal(String key, double fallback, double min, double max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(raw.get());
    } catch (NumberFormatException e) {
      throw bad(key, raw.get(), "is not a number");
    }
    if (!(value >= min && value <= max)) {
      throw bad(key, raw.get(), "must be between " + min + " and " + max);
    }
    return value;
  }

  public boolean bool(String key, boolean fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, raw.get(), "must be true or false");
    };
  }

  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    String wanted = raw.get().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    throw bad(key, raw.get(), "must be one of " + names(type));
  }

  /** A path; relative paths resolve against {@code base} (the config file's folder). */
  public Path path(String key, Path base, String fallback) {
    return base.resolve(string(key, fallback)).normalize();
  }

  /** Keys present in the source that no read asked for: typos, or settings of another program. */
  public Set<String> unknownKeys() {
    Set<String> unknown = new TreeSet<>(values.stringPropertyNames());
    unknown.removeAll(read);
    return unknown;
  }

  public SettingsException bad(String key, String value, String problem) {
    String shown = value == null ? "" : " (value '" + value + "')";
    return new SettingsException(source + ": " + key + shown + " " + problem);
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    StringBuilder names = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return names.toString();
  }

  /** A configuration error: the message names the source, the key and the bad value. */
  public static final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
      super(message);
    }
  }
}
