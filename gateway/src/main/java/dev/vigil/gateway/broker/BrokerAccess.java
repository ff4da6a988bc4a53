package dev.vigil.gateway.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import dev.vigil.gateway.registry.DeviceRegistry.Admission;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tinylog.Logger;

/**
 * The embedded broker's access control, as an extension running inside HiveMQ: authenticates each
 * client by its fleet certificate ({@link AccessRules}, then the registry for devices: known, not
 * revoked, this very certificate) and authorises each publish and subscription. Every refusal is
 * counted and logged with the client id and reason.
 */
final class BrokerAccess
    implements ExtensionMain, SimpleAuthenticator, PublishAuthorizer, SubscriptionAuthorizer {
  /** The registry's answer for a device certificate. */
  interface Admissions {
    Admission admit(String deviceId, BigInteger serial) throws Exception;
  }

  private final Admissions admissions;
  private final BrokerCounters counters;
  private final ConcurrentMap<String, FleetIdentity> connected = new ConcurrentHashMap<>();

  BrokerAccess(Admissions admissions, BrokerCounters counters) {
    this.admissions = admissions;
    this.counters = counters;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Services.securityRegistry().setAuthenticatorProvider(provider -> this);
    Services.securityRegistry().setAuthorizerProvider(provider -> this);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    String clientId = input.getClientInformation().getClientId();
    Optional<X509Certificate> certificate =
        input
            .getConnectionInformation()
            .getClientTlsInformation()
            .flatMap(ClientTlsInformation::getClientCertificate);
    if (certificate.isEmpty()) {
      refuse(output, clientId, AccessRules.Refusal.NO_TRUSTED_CERTIFICATE);
      return;
    }
    Optional<FleetIdentity> identity = FleetIdentity.of(certificate.get());
    Optional<AccessRules.Refusal> refusal =
        AccessRules.checkConnect(clientId, identity).or(() -> admission(identity.get()));
    if (refusal.isPresent()) {
      refuse(output, clientId, refusal.get());
      return;
    }
    connected.put(clientId, identity.get());
    output.authenticateSuccessfully();
  }

  private Optional<AccessRules.Refusal> admission(FleetIdentity who) {
    if (who.role() != dev.vigil.gateway.enrol.Role.DEVICE) {
      return Optional.empty();
    }
    try {
      return AccessRules.of(admissions.admit(who.name(), who.serial()));
    } catch (Exception e) {
      Logger.error(
          "device registry unavailable while admitting {}: {}", who.name(), e.getMessage());
      return Optional.of(AccessRules.Refusal.REGISTRY_UNAVAILABLE);
    }
  }

  private void refuse(SimpleAuthOutput output, String clientId, AccessRules.Refusal reason) {
    counters.refused(reason);
    Logger.warn("broker refused client '{}': {}", printable(clientId), reason);
    ConnackReasonCode code =
        reason == AccessRules.Refusal.REGISTRY_UNAVAILABLE
            ? ConnackReasonCode.SERVER_UNAVAILABLE
            : ConnackReasonCode.NOT_AUTHORIZED;
    output.failAuthentication(code, reason.name());
  }

  @Override
  public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
    String clientId = input.getClientInformation().getClientId();
    String topic = input.getPublishPacket().getTopic();
    FleetIdentity who = connected.get(clientId);
    if (who != null && AccessRules.mayPublish(who, topic)) {
      output.authorizeSuccessfully();
      return;
    }
    counters.refused(AccessRules.Refusal.PUBLISH_DENIED);
    Logger.warn("broker refused publish by '{}' on '{}'", printable(clientId), printable(topic));
    output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not your topic");
  }

  @Override
  public void authorizeSubscribe(
      SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
    String clientId = input.getClientInformation().getClientId();
    String filter = input.getSubscription().getTopicFilter();
    FleetIdentity who = connected.get(clientId);
    if (who != null && AccessRules.maySubscribe(who, filter)) {
      output.authorizeSuccessfully();
      return;
    }
    counters.refused(AccessRules.Refusal.SUBSCRIBE_DENIED);
    Logger.warn(
        "broker refused subscription by '{}' to '{}'", printable(clientId), printable(filter));
    output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not your topic");
  }

  /** Disconnects a connected client (a device just revoked), if it is connected. */
  void disconnect(String clientId) {
    connected.remove(clientId);
    Services.clientService().disconnectClient(clientId);
  }

  /** An untrusted name, shortened and on one line, for a log line. */
  private static String printable(String text) {
    String flat = text.replaceAll("[\\p{Cntrl}]", "?");
    return flat.length() > 120 ? flat.substring(0, 120) + "..." : flat;
  }
}
