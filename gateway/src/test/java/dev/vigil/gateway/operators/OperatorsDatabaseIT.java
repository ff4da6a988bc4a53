package dev.vigil.gateway.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.store.Database;
import dev.vigil.gateway.store.TestDatabases;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accounts and tokens on H2 and on the machine's PostgreSQL (a fresh schema), with a clock the test
 * moves: API tokens and login sessions expire, a revoked token is refused, a hash made with older
 * parameters is raised to the current ones at the next login, and expired sessions are purged.
 */
@Timeout(120)
class OperatorsDatabaseIT {
  private static final TestDatabases DATABASES = new TestDatabases("vigil_opsdb");

  @TempDir static Path folder;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-23T08:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  static Stream<String> databases() throws Exception {
    return DATABASES.urls(folder);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    DATABASES.drop();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void tokensExpireAndRevokeAndOldHashesAreRaisedAtLogin(String url) throws Exception {
    Database database = TestDatabases.migrated(url);
    Operators operators =
        new Operators(database, new AuditLog(database, clock), LoginThrottle.DEFAULT, clock);

    operators.add("kim", Role.SUPERVISOR, "kim's long password".toCharArray(), "test");
    assertThrows(
        IllegalArgumentException.class,
        () -> operators.add("kim", Role.ADMIN, "another long password".toCharArray(), "test"));
    Operators.Issued weekly =
        operators.issueToken("kim", "weekly", Optional.of(Duration.ofDays(7)), "test");
    Operators.Issued forever = operators.issueToken("kim", "forever", Optional.empty(), "test");
    Caller kim = new Caller("kim", Role.SUPERVISOR);
    assertEquals(Optional.of(kim), operators.authenticate(weekly.token()));
    assertEquals(Optional.empty(), operators.authenticate(weekly.token() + "x"));

    Operators.Login login = operators.login("kim", "kim's long password".toCharArray(), "test");
    String session = assertInstanceOf(Operators.LoggedIn.class, login).session().token();
    now.set(now.get().plus(Duration.ofHours(8)).minusSeconds(1));
    assertEquals(Optional.of(kim), operators.authenticate(session));
    now.set(now.get().plusSeconds(1));
    assertEquals(Optional.empty(), operators.authenticate(session), "a session lasts 8 h");

    now.set(now.get().plus(Duration.ofDays(7)));
    assertEquals(Optional.empty(), operators.authenticate(weekly.token()), "expired after 7 days");
    assertEquals(Optional.of(kim), operators.authenticate(forever.token()));
    assertEquals(1, operators.revokeToken("kim", "forever", "test"));
    assertEquals(Optional.empty(), operators.authenticate(forever.token()));

    // An account hashed with fewer iterations (an older release) is rehashed at its next login.
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    PasswordHash old =
        new PasswordHash(
            PasswordHash.KDF,
            10_000,
            salt,
            PasswordHash.derive("lee's long password".toCharArray(), salt, 10_000));
    OperatorStore store = new OperatorStore(database);
    assertTrue(store.add(new OperatorStore.Account("lee", Role.OPERATOR, old, now.get(), false)));
    assertInstanceOf(
        Operators.LoggedIn.class,
        operators.login("lee", "lee's long password".toCharArray(), "test"));
    PasswordHash raised = store.find("lee").orElseThrow().password();
    assertEquals(PasswordHash.ITERATIONS, raised.iterations());
    assertTrue(raised.matches("lee's long password".toCharArray()));
    assertEquals(0, store.purgeExpiredSessions(now.get()), "kim's session went at lee's login");
  }
}
