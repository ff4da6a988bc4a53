package dev.vigil.gateway.enrol;

import java.util.Optional;

/**
 * What a fleet certificate is for, written as its subject's organisational unit ({@code OU}). The
 * CA alone sets it, whatever a request asks for, so a device can never hold a gateway's rights.
 */
public enum Role {
  /** A vehicle box: {@code CN} is its device id; TLS client only. */
  DEVICE("device"),
  /** One of the gateway's own MQTT connections: {@code CN} is its client id prefix. */
  GATEWAY("gateway"),
  /**
   * A control-room desk: subscribes to alerts and publishes acknowledgements; {@code CN} is its
   * client id prefix and starts with {@code vigil-cr}.
   */
  CONTROL("control"),
  /** The broker's server certificate: {@code CN} is its first host name. */
  BROKER("broker");

  private final String unit;

  Role(String unit) {
    this.unit = unit;
  }

  public String unit() {
    return unit;
  }

  public static Optional<Role> ofUnit(String unit) {
    for (Role role : values()) {
      if (role.unit.equals(unit)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
