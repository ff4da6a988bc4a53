package dev.vigil.gateway.operators;

import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An operator for tests that call a real gateway's HTTP API: created through the real code path
 * ({@link Operators#add}, {@link Operators#issueToken}) on the gateway's own database, once per
 * gateway, and handed out as an {@code Authorization} header value.
 */
public final class TestOperators {
  private final String name;
  private final Role role;
  private final Map<Gateway, String> headers = new IdentityHashMap<>();

  public TestOperators(String name, Role role) {
    this.name = name;
    this.role = role;
  }

  /** {@code "Bearer vgo_..."} for this operator on {@code gateway}. */
  public synchronized String bearer(Gateway gateway) throws Exception {
    String header = headers.get(gateway);
    if (header == null) {
      header = "Bearer " + token(gateway.operators(), name, role);
      headers.put(gateway, header);
    }
    return header;
  }

  /** Adds {@code name} (unless it exists) with a random password and returns a new API token. */
  public static String token(Operators operators, String name, Role role) throws Exception {
    if (operators.list().stream().noneMatch(a -> a.name().equals(name))) {
      operators.add(name, role, randomPassword().toCharArray(), "test");
    }
    return operators.issueToken(name, "test", Optional.empty(), "test").token();
  }

  /** As above, on a database a gateway in another process uses. */
  public static String token(Database database, String name, Role role) throws Exception {
    Clock clock = Clock.systemUTC();
    return token(
        new Operators(database, new AuditLog(database, clock), LoginThrottle.DEFAULT, clock),
        name,
        role);
  }

  public static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
