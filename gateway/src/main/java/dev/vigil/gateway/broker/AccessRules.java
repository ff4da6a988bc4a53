package dev.vigil.gateway.broker;

import dev.vigil.gateway.enrol.Role;
import dev.vigil.gateway.registry.DeviceRegistry.Admission;
import dev.vigil.protocol.Topics;
import java.util.Optional;

/**
 * Who may connect, publish and subscribe on the broker: pure rules, no broker types.
 *
 * <ul>
 *   <li>Every client presents a fleet certificate. A device's client id must be {@code
 *       vigil-{deviceId}} with {@code deviceId} its certificate's CN, so no box can take over
 *       another's session; a gateway's client ids start with its CN and a dash.
 *   <li>A device may publish only on {@code vigil/v1/d/{id}/up/...} and {@code .../state}, and
 *       subscribe only under {@code vigil/v1/d/{id}/down/}. A control-room desk may subscribe only
 *       under {@code vigil/v1/control/alerts/} and to {@code vigil/v1/control/ack-result}, and
 *       publish only on {@code vigil/v1/control/ack}. A gateway may do anything.
 * </ul>
 */
public final class AccessRules {
  /** Why a client was refused: each is counted and logged. */
  public enum Refusal {
    /**
     * No client certificate, or one that does not chain to the fleet CA: the listener asks for a
     * certificate without requiring it, and TLS drops an untrusted one, so both arrive here alike.
     */
    NO_TRUSTED_CERTIFICATE,
    INVALID_IDENTITY,
    CLIENT_ID_MISMATCH,
    UNKNOWN_DEVICE,
    REVOKED_DEVICE,
    UNKNOWN_CERTIFICATE,
    REVOKED_CERTIFICATE,
    REGISTRY_UNAVAILABLE,
    PUBLISH_DENIED,
    SUBSCRIBE_DENIED
  }

  /**
   * Names starting so are kept for the gateway ({@code vigil-gw...}) and control-room desks ({@code
   * vigil-cr...}), never devices: a broker that knows clients only by certificate CN (Mosquitto's
   * use_identity_as_username) can then tell them from a box.
   */
  public static final String SERVICE_PREFIX = "vigil-";

  public static final String GATEWAY_PREFIX = "vigil-gw";
  public static final String CONTROL_PREFIX = "vigil-cr";

  private AccessRules() {}

  /** Checks identity against client id; empty when the connection may go on to admission. */
  public static Optional<Refusal> checkConnect(String clientId, Optional<FleetIdentity> identity) {
    if (identity.isEmpty()) {
      return Optional.of(Refusal.INVALID_IDENTITY);
    }
    FleetIdentity who = identity.get();
    if (!Topics.isValidId(who.name()) || !Topics.isValidId(clientId)) {
      // Catches '#', '+', '/', '$' and empty names in the CN or the client id.
      return Optional.of(Refusal.INVALID_IDENTITY);
    }
    return switch (who.role()) {
      case DEVICE ->
          who.name().startsWith(SERVICE_PREFIX)
              ? Optional.of(Refusal.INVALID_IDENTITY)
              : clientId.equals(deviceClientId(who.name()))
                  ? Optional.empty()
                  : Optional.of(Refusal.CLIENT_ID_MISMATCH);
      case GATEWAY, CONTROL ->
          clientId.equals(who.name()) || clientId.startsWith(who.name() + "-")
              ? Optional.empty()
              : Optional.of(Refusal.CLIENT_ID_MISMATCH);
      case BROKER -> Optional.of(Refusal.INVALID_IDENTITY);
    };
  }

  /** The refusal a registry answer means, if any. */
  public static Optional<Refusal> of(Admission admission) {
    return admission == Admission.ADMITTED
        ? Optional.empty()
        : Optional.of(Refusal.valueOf(admission.name()));
  }

  /** The client id a device must connect with. */
  public static String deviceClientId(String deviceId) {
    return "vigil-" + deviceId;
  }

  public static boolean mayPublish(FleetIdentity who, String topic) {
    if (who.role() == Role.GATEWAY) {
      return true;
    }
    if (who.role() == Role.CONTROL) {
      return topic.equals(Topics.CONTROL_ACK);
    }
    String own = Topics.PREFIX + "/d/" + who.name();
    return topic.startsWith(own + "/up/") || topic.equals(own + "/state");
  }

  public static boolean maySubscribe(FleetIdentity who, String filter) {
    if (who.role() == Role.GATEWAY) {
      return true;
    }
    if (who.role() == Role.CONTROL) {
      return filter.startsWith(Topics.PREFIX + "/control/alerts/")
          || filter.equals(Topics.CONTROL_ACK_RESULT);
    }
    return filter.startsWith(Topics.PREFIX + "/d/" + who.name() + "/down/");
  }
}
