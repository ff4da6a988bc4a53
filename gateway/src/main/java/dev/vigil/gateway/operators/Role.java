package dev.vigil.gateway.operators;

import java.util.Locale;

/**
 * What an operator may do, each role including the ones before it: an {@code OPERATOR} reads
 * alerts, fleet and trips and acknowledges and resolves alerts; a {@code SUPERVISOR} also opens
 * evidence and incident packages and reads the audit log; an {@code ADMIN} also manages enrolment
 * and operators.
 */
public enum Role {
  OPERATOR,
  SUPERVISOR,
  ADMIN;

  /** True when this role is {@code needed} or above it. */
  public boolean covers(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The role named {@code text} (any case), or an exception naming the roles there are. */
  public static Role parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "role must be operator, supervisor or admin, not '" + text + "'");
    }
  }

  public String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }
}
