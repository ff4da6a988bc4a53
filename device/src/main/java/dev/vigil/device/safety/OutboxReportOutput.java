package dev.vigil.device.safety;

import dev.vigil.device.link.SealedUplink;
import dev.vigil.device.outbox.Lane;
import dev.vigil.device.outbox.OutboxSender;
import dev.vigil.protocol.UpKind;
import java.io.IOException;
import org.tinylog.Logger;

/** Sends reports the way every record goes: sealed, into the outbox, alarms ahead of events. */
public final class OutboxReportOutput implements ReportOutput {
  private final SealedUplink uplink;
  private final OutboxSender outbox;

  public OutboxReportOutput(SealedUplink uplink, OutboxSender outbox) {
    this.uplink = uplink;
    this.outbox = outbox;
  }

  @Override
  public void report(Report report) {
    try {
      if (report.kind() == Report.Kind.ALARM) {
        Logger.warn("{} alarm {} ({})", report.hazard(), report.id(), report.details());
        outbox.record(
            uplink.seal(UpKind.ALARM, Lane.ALARM, SafetyReports.alarm(report).toByteArray()));
      } else {
        Logger.info("{} event {} ({})", report.hazard(), report.id(), report.details());
        outbox.record(
            uplink.seal(UpKind.EVT, Lane.EVENT, SafetyReports.event(report).toByteArray()));
      }
    } catch (IOException | RuntimeException e) {
      Logger.error(e, "{} {} could not be recorded", report.kind(), report.id());
    }
  }
}
