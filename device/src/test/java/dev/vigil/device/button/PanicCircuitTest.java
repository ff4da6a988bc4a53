package dev.vigil.device.button;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.device.button.PanicCircuit.Event;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class PanicCircuitTest {
  private static final long STUCK_MS = 30_000;

  @Test
  void aPressIsAnAlarmAtOnce() {
    PanicCircuit.Step step = PanicCircuit.start(false, 0).changed(true, 1_000);
    assertEquals(Optional.of(Event.PRESS), step.event());
  }

  @Test
  void aButtonHeldClosedIsOneFaultAndNoFurtherAlarm() {
    PanicCircuit circuit = PanicCircuit.start(false, 0).changed(true, 1_000).next();
    assertEquals(Optional.empty(), circuit.tick(30_999, STUCK_MS).event(), "not yet 30 s");

    PanicCircuit.Step stuck = circuit.tick(31_000, STUCK_MS);
    assertEquals(Optional.of(Event.STUCK), stuck.event());
    circuit = stuck.next();
    for (long t = 32_000; t < 600_000; t += 1_000) {
      PanicCircuit.Step later = circuit.tick(t, STUCK_MS);
      assertEquals(Optional.empty(), later.event(), "reported once, at " + t);
      circuit = later.next();
    }

    PanicCircuit.Step released = circuit.changed(false, 600_000);
    assertEquals(Optional.of(Event.UNSTUCK), released.event());
    assertEquals(
        Optional.of(Event.PRESS),
        released.next().changed(true, 601_000).event(),
        "a working button again: the next press is an alarm");
  }

  @Test
  void anOrdinaryReleaseSaysNothing() {
    PanicCircuit circuit = PanicCircuit.start(false, 0).changed(true, 1_000).next();
    assertEquals(Optional.empty(), circuit.changed(false, 1_500).event());
  }

  @Test
  void aLineClosedAtStartIsNoAlarmButBecomesAFault() {
    PanicCircuit circuit = PanicCircuit.start(true, 0);
    assertEquals(Optional.empty(), circuit.changed(true, 10).event());
    assertEquals(Optional.of(Event.STUCK), circuit.tick(STUCK_MS, STUCK_MS).event());
  }
}
