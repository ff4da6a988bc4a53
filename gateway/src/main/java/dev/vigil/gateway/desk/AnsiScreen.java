package dev.vigil.gateway.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link DeskState} as one full ANSI screen: a header, the alerts as a table in the desk's
 * order, and at the bottom the status line (connection, operator, count, keys) and the prompt or
 * the last notice. Unacknowledged alerts are bold, urgent ones (unacknowledged CRITICAL, ESCALATED)
 * red, the selected row in reverse video. Pure: the same state, time and size give the same text.
 */
public final class AnsiScreen {
  /** Home; each line then clears its own rest and the last clears below, so nothing flickers. */
  static final String HOME = "\u001b[H";

  private static final String CLEAR_LINE = "\u001b[K";
  private static final String CLEAR_BELOW = "\u001b[J";
  static final String RESET = "\u001b[0m";
  static final String BOLD = "\u001b[1m";
  static final String RED = "\u001b[31m";
  static final String REVERSE = "\u001b[7m";
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";

  private static final String ROW = "%-8s %-12s %-16s %-16s %5s %3s %7s  %-14s %s";
  private static final int FIXED_LINES = 5;

  private AnsiScreen() {}

  /**
   * The whole screen, drawn from the top left over the previous one.
   *
   * @param width columns: every line is cut to it
   * @param height lines: the table shows as many rows as fit and says how many more there are
   */
  public static String render(DeskState state, Instant now, int width, int height) {
    StringBuilder screen = new StringBuilder(HOME);
    line(screen, BOLD + cut("VIGIL CONTROL ROOM", width) + RESET);
    line(
        screen,
        cut(
            String.format(
                Locale.ROOT,
                ROW,
                "SEVERITY",
                "STATE",
                "TYPE",
                "VEHICLE",
                "COUNT",
                "LVL",
                "AGE",
                "BY",
                "ALERT"),
            width));
    List<DeskRow> rows = state.rows();
    int room = Math.max(1, height - FIXED_LINES);
    int first = firstShown(rows, state, room);
    for (int i = first; i < Math.min(rows.size(), first + room); i++) {
      DeskRow row = rows.get(i);
      boolean selected = state.selectedId().filter(row.alertId()::equals).isPresent();
      line(screen, style(row, selected) + cut(text(row, now), width) + RESET);
    }
    if (rows.isEmpty()) {
      line(screen, "  no live alerts");
    } else if (rows.size() > room) {
      line(screen, "  rows " + (first + 1) + "-" + (first + room) + " of " + rows.size());
    }
    line(screen, cut(status(state), width));
    screen.append(cut(bottom(state), width)).append(RESET).append(CLEAR_BELOW);
    return screen.toString();
  }

  /** One alert's row, without styling. */
  static String text(DeskRow row, Instant now) {
    return String.format(
        Locale.ROOT,
        ROW,
        row.severity(),
        row.state(),
        row.type(),
        row.vehicleId(),
        row.count(),
        row.escalationLevel(),
        age(Duration.between(row.receivedAt(), now)),
        row.acknowledgedBy() == null ? "-" : row.acknowledgedBy(),
        row.alertId());
  }

  /** A short age: {@code 42s}, {@code 3m05s}, {@code 2h07m}, {@code 3d04h}; 0s for the future. */
  static String age(Duration age) {
    long s = Math.max(0, age.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3_600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3_600);
  }

  private static String style(DeskRow row, boolean selected) {
    String style = "";
    if (row.unacknowledged()) {
      style += BOLD;
    }
    if (row.urgent()) {
      style += RED;
    }
    return selected ? style + REVERSE : style;
  }

  /** The first row shown: the table scrolls so that the selected row is always on screen. */
  private static int firstShown(List<DeskRow> rows, DeskState state, int room) {
    int at = state.selected().map(rows::indexOf).orElse(0);
    return Math.max(0, at - room + 1);
  }

  private static String status(DeskState state) {
    String link = state.connected() ? GREEN + "connected" + RESET : RED + "DISCONNECTED" + RESET;
    String who = state.operator().map(o -> "operator " + o).orElse("watch only (no --operator)");
    long urgent = state.rows().stream().filter(DeskRow::urgent).count();
    return link
        + " | "
        + who
        + " | "
        + state.alerts().size()
        + " live, "
        + urgent
        + " urgent | ↑↓/jk select  a ack  r resolve  q quit";
  }

  private static String bottom(DeskState state) {
    Prompt prompt = state.prompt();
    if (prompt instanceof Prompt.AckNote note) {
      return "ack " + note.alertId() + " note (Enter sends, Esc cancels): " + note.text();
    }
    if (prompt instanceof Prompt.ResolveReason reason) {
      StringBuilder choices = new StringBuilder();
      for (int i = 0; i < Prompt.REASONS.size(); i++) {
        choices.append(' ').append(i + 1).append(' ').append(Prompt.REASONS.get(i));
      }
      return "resolve " + reason.alertId() + " reason:" + choices + " (Esc cancels)";
    }
    if (prompt instanceof Prompt.ResolveNote note) {
      return "resolve "
          + note.alertId()
          + " as "
          + note.reason()
          + " note (Enter sends, Esc cancels): "
          + note.text();
    }
    if (state.notice().isEmpty()) {
      return "";
    }
    return (state.noticeIsError() ? RED + BOLD + "ERROR " : YELLOW) + state.notice() + RESET;
  }

  private static void line(StringBuilder screen, String text) {
    screen.append(text).append(RESET).append(CLEAR_LINE).append("\r\n");
  }

  /** Cuts plain text to {@code width} visible characters (escape sequences are not counted). */
  static String cut(String text, int width) {
    StringBuilder out = new StringBuilder();
    int visible = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u001b') {
        int end = text.indexOf('m', i);
        if (end < 0) {
          break;
        }
        out.append(text, i, end + 1);
        i = end;
      } else if (visible < width) {
        out.append(c);
        visible++;
      }
    }
    return out.toString();
  }
}
