package dev.vigil.device.warning;

/**
 * What the driver is warned about or told. Each kind has one voice prompt per language ({@code
 * prompts/{language}/KIND.wav}, texts and reasons in {@code device/src/main/prompts/}); adding a
 * kind means adding its text to every language and rerunning {@code scripts/make-prompts}. Names
 * match the safety engine's hazards where the engine announces one in the cab.
 */
public enum WarningKind {
  SPEEDING,
  SPEEDING_PREWARN,
  HARSH_BRAKING,
  HARSH_ACCELERATION,
  HARSH_CORNERING,
  /** A crash-level impact; the box has raised a CRITICAL alarm. */
  CRASH,
  FATIGUE_PREWARN,
  FATIGUE,
  NIGHT_DRIVING,
  ROUTE_DEVIATION,
  ABNORMAL_STOP,
  TRIP_OVERDUE,
  /** The control room acknowledged the driver's alarm. Not played by default: a panic is silent. */
  HELP_ACKNOWLEDGED,
  /** The panic alarm went out. Not played by default: a panic is silent. */
  PANIC_SENT,
  TRIP_STARTED,
  TRIP_ENDED
}
