package dev.vigil.gateway.desk;

import java.util.Optional;

/**
 * Turns the bytes a terminal in non-canonical mode sends into {@link Key}s: arrows ({@code ESC [ A}
 * / {@code ESC [ B}, and the {@code ESC O A} form of application mode), Enter (CR or LF), Backspace
 * (DEL or BS), Escape, and printable ASCII. Anything else is ignored. A lone ESC is held until the
 * next byte shows it does not start a sequence (that byte is then dropped), or until {@link #flush}
 * (the caller calls it when no byte follows within a few milliseconds).
 */
public final class KeyDecoder {
  private static final int ESC = 0x1b;

  /** 0: nothing held; 1: ESC held; 2: ESC plus '[' or 'O' held. */
  private int held;

  /** The key this byte completes, if any. */
  public Optional<Key> feed(int b) {
    if (held == 1) {
      if (b == '[' || b == 'O') {
        held = 2;
        return Optional.empty();
      }
      held = 0;
      return b == ESC ? keep(Key.ESCAPE) : Optional.of(Key.ESCAPE);
    }
    if (held == 2) {
      held = 0;
      return switch (b) {
        case 'A' -> Optional.of(Key.UP);
        case 'B' -> Optional.of(Key.DOWN);
        default -> Optional.empty();
      };
    }
    return plain(b);
  }

  /** A held lone ESC becomes Escape; a half sequence is dropped. */
  public Optional<Key> flush() {
    int was = held;
    held = 0;
    return was == 1 ? Optional.of(Key.ESCAPE) : Optional.empty();
  }

  /** True when a byte is held waiting for what follows. */
  public boolean pending() {
    return held != 0;
  }

  private Optional<Key> keep(Key key) {
    held = 1;
    return Optional.of(key);
  }

  private Optional<Key> plain(int b) {
    if (b == ESC) {
      held = 1;
      return Optional.empty();
    }
    if (b == '\r' || b == '\n') {
      return Optional.of(Key.ENTER);
    }
    if (b == 0x7f || b == 0x08) {
      return Optional.of(Key.BACKSPACE);
    }
    if (b >= 0x20 && b < 0x7f) {
      return Optional.of(Key.of((char) b));
    }
    return Optional.empty();
  }
}
