package dev.vigil.gateway.alerts;

import dev.vigil.protocol.alert.ControlAlert;

/** Somewhere a control room hears about alerts. Chosen in configuration; must not block long. */
public interface AlertSink {
  void send(ControlAlert alert);
}
