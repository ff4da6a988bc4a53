package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.AlertCounters.AckOutcome;
import dev.vigil.gateway.alerts.ControlAckResult;
import dev.vigil.protocol.alert.AlertState;
import dev.vigil.protocol.alert.ControlAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a desk shows, as an immutable value: the live (unresolved) alerts by id with their
 * latest state, the selected alert, the prompt being answered, the connection, the operator and the
 * last notice. Changes come in as values and a new state comes out; no I/O, no clock.
 *
 * @param selectedId the alert under the cursor; followed by id, so a re-sort keeps it
 * @param operator empty when the desk was started without one: it may only watch
 * @param notice the last thing the operator should read (a sent command, a refusal); may be empty
 * @param noticeIsError true when {@code notice} reports a failure
 */
public record DeskState(
    Map<String, DeskRow> alerts,
    Optional<String> selectedId,
    Prompt prompt,
    boolean connected,
    Optional<String> operator,
    String notice,
    boolean noticeIsError) {

  public DeskState {
    alerts = Map.copyOf(alerts);
  }

  /** An empty desk, not yet connected. */
  public static DeskState start(Optional<String> operator) {
    return new DeskState(Map.of(), Optional.empty(), Prompt.NONE, false, operator, "", false);
  }

  /** The live alerts in the desk's order ({@link DeskRow#URGENCY}). */
  public List<DeskRow> rows() {
    List<DeskRow> rows = new ArrayList<>(alerts.values());
    rows.sort(DeskRow.URGENCY);
    return rows;
  }

  /** The row under the cursor, if the desk has any. */
  public Optional<DeskRow> selected() {
    return selectedId.map(alerts::get);
  }

  /**
   * The desk after the gateway published {@code alert}: added or updated, or removed once RESOLVED.
   * A copy older than the one shown (an earlier change arriving late) is ignored.
   */
  public DeskState withAlert(ControlAlert alert) {
    DeskRow row = DeskRow.of(alert);
    DeskRow shown = alerts.get(row.alertId());
    if (shown != null && row.updatedAt().isBefore(shown.updatedAt())) {
      return this;
    }
    Map<String, DeskRow> next = new HashMap<>(alerts);
    if (alert.state() == AlertState.RESOLVED) {
      next.remove(row.alertId());
    } else {
      next.put(row.alertId(), row);
    }
    return new DeskState(next, selectedId, prompt, connected, operator, notice, noticeIsError)
        .keepSelection();
  }

  /**
   * The desk after the gateway answered a request. Only answers to this operator count: a refusal
   * becomes an error notice, an unchanged request says so (no alert change will follow); an applied
   * one changes nothing here, its alert change shows it.
   */
  public DeskState withResult(ControlAckResult result) {
    if (operator.filter(result.operator()::equals).isEmpty()) {
      return this;
    }
    String what = result.action().name().toLowerCase(java.util.Locale.ROOT);
    if (result.rejected()) {
      return withNotice(
          what + " of " + result.alertId() + " refused by the gateway: " + result.error(), true);
    }
    if (result.outcome() == AckOutcome.UNCHANGED) {
      return withNotice(what + " of " + result.alertId() + ": it was so already", false);
    }
    return this;
  }

  public DeskState withConnected(boolean now) {
    return new DeskState(alerts, selectedId, prompt, now, operator, notice, noticeIsError);
  }

  public DeskState withNotice(String text, boolean error) {
    return new DeskState(alerts, selectedId, prompt, connected, operator, text, error);
  }

  DeskState withPrompt(Prompt next) {
    return new DeskState(alerts, selectedId, next, connected, operator, notice, noticeIsError);
  }

  /** The cursor moved {@code by} rows (negative: up), stopping at either end. */
  DeskState moved(int by) {
    List<DeskRow> rows = rows();
    if (rows.isEmpty()) {
      return this;
    }
    int at = selected().map(rows::indexOf).orElse(0);
    int to = Math.max(0, Math.min(rows.size() - 1, at + by));
    return select(Optional.of(rows.get(to).alertId()));
  }

  /**
   * The cursor stays on its alert while it is live; when that one is gone (resolved) it goes to the
   * first row, the most urgent.
   */
  private DeskState keepSelection() {
    if (selectedId.isPresent() && alerts.containsKey(selectedId.get())) {
      return this;
    }
    List<DeskRow> rows = rows();
    return select(rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).alertId()));
  }

  private DeskState select(Optional<String> id) {
    return new DeskState(alerts, id, prompt, connected, operator, notice, noticeIsError);
  }
}
