package dev.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gateway.enrol.Enrolment;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/enroll}: JSON {@code {"token", "deviceId", "csr", "vehicleId"?}} in; on success
 * 200 and {@code {"deviceId", "vehicleId", "certificate", "caChain", "gatewayPublicKey",
 * "keyEpoch", "brokerUrl"}} (PEM texts). Refusals are JSON {@code {"error", "reason"}}: 400 for a
 * malformed request, 401 for an unknown token, 403 for an expired or used token, another vehicle or
 * a revoked device.
 */
final class EnrolmentEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 32_768;

  private final Enrolment enrolment;

  EnrolmentEndpoint(Enrolment enrolment) {
    this.enrolment = enrolment;
  }

  void enrol(Context ctx) throws Exception {
    Enrolment.Request request = parse(ctx.bodyAsBytes());
    try {
      Enrolment.Enrolled done = enrolment.enrol(request);
      ctx.json(
          Map.of(
              "deviceId", done.deviceId(),
              "vehicleId", done.vehicleId(),
              "certificate", done.certificatePem(),
              "caChain", done.caChainPem(),
              "gatewayPublicKey", done.gatewayPublicKeyPem(),
              "keyEpoch", done.keyEpoch(),
              "brokerUrl", done.brokerUrl()));
    } catch (Enrolment.Refused refused) {
      ctx.status(refused.reason.status)
          .json(Map.of("error", refused.getMessage(), "reason", refused.reason.name()));
    }
  }

  private static Enrolment.Request parse(byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpApi.BadRequest("the request is larger than " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new HttpApi.BadRequest("the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new HttpApi.BadRequest("the body must be a JSON object");
    }
    return new Enrolment.Request(
        text(json, "token"),
        text(json, "deviceId"),
        text(json, "csr"),
        Optional.ofNullable(json.get("vehicleId")).map(JsonNode::asText));
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) {
      throw new HttpApi.BadRequest(field + " is required (a string)");
    }
    return node.asText();
  }
}
