package dev.vigil.gateway.desk;

/** One key press, decoded from the terminal's bytes by {@link KeyDecoder}. */
public record Key(Kind kind, char character) {
  /** Which key; {@link #CHARACTER} carries a printable character. */
  public enum Kind {
    UP,
    DOWN,
    ENTER,
    ESCAPE,
    BACKSPACE,
    CHARACTER
  }

  public static final Key UP = new Key(Kind.UP, '\0');
  public static final Key DOWN = new Key(Kind.DOWN, '\0');
  public static final Key ENTER = new Key(Kind.ENTER, '\0');
  public static final Key ESCAPE = new Key(Kind.ESCAPE, '\0');
  public static final Key BACKSPACE = new Key(Kind.BACKSPACE, '\0');

  public static Key of(char character) {
    return new Key(Kind.CHARACTER, character);
  }
}
