package dev.vigil.gateway.enrol;

import dev.vigil.gateway.broker.AccessRules;
import dev.vigil.gateway.registry.DeviceRegistry;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.envelope.KeyPairs;
import dev.vigil.protocol.tls.PemTls;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.tinylog.Logger;

/**
 * Enrols a box: checks the request (device id, CSR signature, CN = device id), redeems its one-time
 * token, registers the device with the CSR's public key and issues its certificate. Cheap checks
 * run before the token is spent, so a malformed request does not burn it. Every refusal is counted
 * and logged with its reason; the token text is never logged.
 */
public final class Enrolment {
  /** What the box sends. {@code vehicleId} is optional; when given it must be the token's. */
  public record Request(String token, String deviceId, String csrPem, Optional<String> vehicleId) {}

  /** What the box receives and stores. */
  public record Enrolled(
      String deviceId,
      String vehicleId,
      String certificatePem,
      String caChainPem,
      String gatewayPublicKeyPem,
      int keyEpoch,
      String brokerUrl) {}

  /** Why an enrolment was refused; {@code status} is the HTTP status it maps to. */
  public enum Refusal {
    MALFORMED_REQUEST(400),
    INVALID_DEVICE_ID(400),
    INVALID_CSR(400),
    CN_MISMATCH(400),
    UNKNOWN_TOKEN(401),
    EXPIRED_TOKEN(403),
    REUSED_TOKEN(403),
    WRONG_VEHICLE(403),
    REVOKED_DEVICE(403);

    public final int status;

    Refusal(int status) {
      this.status = status;
    }
  }

  /** An enrolment that did not happen: the reason, and a message safe to show the box. */
  public static final class Refused extends Exception {
    public final Refusal reason;

    Refused(Refusal reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  /** What the gateway hands out besides the certificate: its payload key, epoch and broker URL. */
  public record Offer(String gatewayPublicKeyPem, IntSupplier keyEpoch, String brokerUrl) {}

  private final FleetCa ca;
  private final EnrolmentTokens tokens;
  private final DeviceRegistry registry;
  private final EnrolmentCounters counters;
  private final Offer offer;
  private final Clock clock;

  public Enrolment(
      FleetCa ca,
      EnrolmentTokens tokens,
      DeviceRegistry registry,
      EnrolmentCounters counters,
      Offer offer,
      Clock clock) {
    this.ca = ca;
    this.tokens = tokens;
    this.registry = registry;
    this.counters = counters;
    this.offer = offer;
    this.clock = clock;
  }

  public Enrolled enrol(Request request) throws Refused, SQLException {
    try {
      Enrolled enrolled = checkedEnrol(request);
      counters.enrolled();
      Logger.info("enrolled device {} for vehicle {}", enrolled.deviceId(), enrolled.vehicleId());
      return enrolled;
    } catch (Refused refused) {
      counters.refused(refused.reason);
      Logger.warn(
          "enrolment refused for device '{}': {} ({})",
          shown(request.deviceId()),
          refused.reason,
          refused.getMessage());
      throw refused;
    }
  }

  private Enrolled checkedEnrol(Request request) throws Refused, SQLException {
    if (request.token() == null || request.token().isBlank() || request.csrPem() == null) {
      throw new Refused(Refusal.MALFORMED_REQUEST, "token, deviceId and csr are required");
    }
    String deviceId = request.deviceId();
    if (!Topics.isValidId(deviceId)) {
      throw new Refused(
          Refusal.INVALID_DEVICE_ID,
          "a device id holds 1-64 letters, digits, '.', '_' or '-' (no '#', '+', '/')");
    }
    if (deviceId.startsWith(AccessRules.SERVICE_PREFIX)) {
      throw new Refused(
          Refusal.INVALID_DEVICE_ID,
          "device ids starting with '"
              + AccessRules.SERVICE_PREFIX
              + "' are kept for gateways and control rooms");
    }
    SigningRequest csr = parseCsr(request.csrPem());
    if (!csr.commonName().equals(deviceId)) {
      throw new Refused(Refusal.CN_MISMATCH, "the CSR's CN must be the device id " + deviceId);
    }
    if (registry.find(deviceId).map(DeviceRegistry.Device::revoked).orElse(false)) {
      throw new Refused(Refusal.REVOKED_DEVICE, "device " + deviceId + " is revoked");
    }
    String vehicleId = redeem(request, deviceId);
    registry.register(deviceId, vehicleId, KeyPairs.toPem(csr.publicKey()), clock.instant());
    X509Certificate certificate = ca.issueClient(deviceId, Role.DEVICE, csr.publicKey());
    registry.recordCertificate(
        deviceId,
        certificate.getSerialNumber(),
        certificate.getNotAfter().toInstant(),
        clock.instant());
    return new Enrolled(
        deviceId,
        vehicleId,
        PemTls.toPem(certificate),
        ca.certificatePem(),
        offer.gatewayPublicKeyPem(),
        offer.keyEpoch().getAsInt(),
        offer.brokerUrl());
  }

  private static SigningRequest parseCsr(String pem) throws Refused {
    try {
      return SigningRequest.parse(pem);
    } catch (SigningRequest.Invalid e) {
      throw new Refused(Refusal.INVALID_CSR, e.getMessage());
    }
  }

  private String redeem(Request request, String deviceId) throws Refused, SQLException {
    EnrolmentTokens.Redeemed redeemed = tokens.redeem(request.token(), deviceId);
    if (redeemed instanceof EnrolmentTokens.Refused refused) {
      Refusal reason = Refusal.valueOf(refused.reason().name());
      throw new Refused(reason, "the enrolment token is " + words(reason));
    }
    String vehicleId = ((EnrolmentTokens.Accepted) redeemed).vehicleId();
    if (request.vehicleId().isPresent() && !request.vehicleId().get().equals(vehicleId)) {
      // The token is spent: a box that claims another vehicle needs a new token anyway.
      throw new Refused(Refusal.WRONG_VEHICLE, "the token was issued for another vehicle");
    }
    return vehicleId;
  }

  private static String words(Refusal reason) {
    return switch (reason) {
      case EXPIRED_TOKEN -> "expired";
      case REUSED_TOKEN -> "already used";
      default -> "not known";
    };
  }

  /** An untrusted id, shortened and stripped of line breaks, for a log line. */
  private static String shown(String id) {
    if (id == null) {
      return "null";
    }
    String flat = id.replaceAll("[\\r\\n\\t]", "?");
    return flat.length() > 80 ? flat.substring(0, 80) + "..." : flat;
  }
}
