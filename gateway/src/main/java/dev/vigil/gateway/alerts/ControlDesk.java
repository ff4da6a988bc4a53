package dev.vigil.gateway.alerts;

import dev.vigil.gateway.alerts.AlertCounters.AckOutcome;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Applies control-room requests, whether they came over MQTT ({@code vigil/v1/control/ack}) or the
 * HTTP API, and counts each outcome. A malformed MQTT request is logged and counted, never retried:
 * it can never succeed. Every well-formed MQTT request is answered through {@link Results} (the
 * HTTP API answers in its response instead), so a desk sees a refusal it could not see otherwise.
 * Every request, malformed ones included, is written to the audit: who (the operator named in an
 * MQTT request, which only a control-room desk's MQTT identity may publish; the authenticated
 * caller over HTTP), the action, the alert, the outcome and the channel.
 */
public final class ControlDesk {
  /** Where each request is recorded: the operators' audit log. */
  @FunctionalInterface
  public interface Audit {
    void record(String who, String action, String target, String outcome, String detail)
        throws SQLException;
  }

  /** What became of a request; {@code step} is empty for an unknown alert. */
  public record Outcome(AckOutcome outcome, Optional<Step> step) {}

  /** Where the answers to MQTT requests go ({@code vigil/v1/control/ack-result}). */
  public interface Results {
    void send(ControlAckResult result);
  }

  private final AlertService alerts;
  private final AlertCounters counters;
  private final Audit audit;
  private final Results results;

  public ControlDesk(AlertService alerts, AlertCounters counters, Audit audit, Results results) {
    this.alerts = alerts;
    this.counters = counters;
    this.audit = audit;
    this.results = results;
  }

  public AlertCounters counters() {
    return counters;
  }

  /** Applies a request that came over {@code via} ("http" or "mqtt"), then audits it. */
  public Outcome apply(ControlAck request, String via) throws SQLException {
    Optional<Step> step =
        switch (request.action()) {
          case ACK -> alerts.acknowledge(request.alertId(), request.operator(), request.note());
          case RESOLVE ->
              alerts.resolve(
                  request.alertId(), request.operator(), request.reason(), request.note());
        };
    AckOutcome outcome =
        step.map(
                s ->
                    s instanceof Step.Changed
                        ? AckOutcome.APPLIED
                        : s instanceof Step.Unchanged ? AckOutcome.UNCHANGED : AckOutcome.REFUSED)
            .orElse(AckOutcome.UNKNOWN_ALERT);
    counters.ack(outcome);
    if (step.orElse(null) instanceof Step.Refused refused) {
      Logger.warn(
          "{} of alert {} by {} refused: {}",
          request.action(),
          request.alertId(),
          request.operator(),
          refused.reason());
    }
    String detail = "via " + via;
    if (request.reason() != null) {
      detail += ", reason " + request.reason().name();
    }
    if (step.orElse(null) instanceof Step.Refused refused) {
      detail += ", refused: " + refused.reason();
    }
    if (!request.note().isEmpty()) {
      detail += ", note: " + request.note();
    }
    audit.record(
        request.operator(),
        "alert." + request.action().name().toLowerCase(java.util.Locale.ROOT),
        request.alertId(),
        outcome.name().toLowerCase(java.util.Locale.ROOT),
        detail);
    return new Outcome(outcome, step);
  }

  /**
   * One MQTT message from the control room.
   *
   * @throws SQLException when the database failed: the message must not be acknowledged
   */
  public void onMessage(String topic, byte[] payload) throws SQLException {
    ControlAck request;
    try {
      request = ControlAck.parse(payload);
    } catch (IllegalArgumentException e) {
      counters.ack(AckOutcome.MALFORMED);
      Logger.warn(
          "dropped control-room request on {}: {} ({})", topic, e.getMessage(), preview(payload));
      audit.record(
          "mqtt", "alert.request", topic, "malformed", e.getMessage() + ": " + preview(payload));
      return;
    }
    Outcome outcome = apply(request, "mqtt");
    String error =
        switch (outcome.outcome()) {
          case UNKNOWN_ALERT -> "no such alert";
          case REFUSED -> ((Step.Refused) outcome.step().orElseThrow()).reason();
          default -> null;
        };
    results.send(ControlAckResult.of(request, outcome.outcome(), error));
  }

  private static String preview(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
