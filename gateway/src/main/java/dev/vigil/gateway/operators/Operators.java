package dev.vigil.gateway.operators;

import dev.vigil.gateway.store.Database;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Operator accounts, their tokens and logins, each change written to the audit log. Time comes from
 * the injected clock.
 */
public final class Operators {
  /** A login session lasts one shift: long enough for a console, short enough to end with it. */
  public static final Duration SESSION_TTL = Duration.ofHours(8);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token just issued: {@code token} is shown once and never stored. */
  public record Issued(String token, String operator, Optional<Instant> expiresAt) {}

  /** One account as listed (no password material). */
  public record Listed(String name, Role role, Instant createdAt, boolean disabled) {}

  /** How a login ended. */
  public sealed interface Login {}

  public record LoggedIn(Issued session, Role role) implements Login {}

  /** Wrong name or password, or a disabled account: one answer for all, so names do not leak. */
  public record Rejected() implements Login {}

  /** Too many recent failures for this name: refused without checking the password. */
  public record Throttled() implements Login {}

  private final OperatorStore store;
  private final AuditLog audit;
  private final LoginThrottle throttle;
  private final Clock clock;

  public Operators(Database database, AuditLog audit, LoginThrottle throttle, Clock clock) {
    this.store = new OperatorStore(database);
    this.audit = audit;
    this.throttle = throttle;
    this.clock = clock;
  }

  public AuditLog audit() {
    return audit;
  }

  /**
   * Adds an account; {@code by} is who did it (for the audit).
   *
   * @throws IllegalArgumentException for a bad name or password, or a name already taken
   */
  public void add(String name, Role role, char[] password, String by) throws SQLException {
    checkName(name);
    PasswordHash hash = PasswordHash.create(password, RANDOM);
    Arrays.fill(password, '\0');
    boolean added = store.add(new OperatorStore.Account(name, role, hash, clock.instant(), false));
    audit.record(by, "operator.add", name, added ? "ok" : "exists", "role " + role.lowerCase());
    if (!added) {
      throw new IllegalArgumentException("an operator named " + name + " exists already");
    }
  }

  /** Disables an account and revokes all its tokens. */
  public void disable(String name, String by) throws SQLException {
    boolean found = store.disable(name);
    audit.record(by, "operator.disable", name, found ? "ok" : "unknown", "");
    if (!found) {
      throw new IllegalArgumentException("no operator named " + name);
    }
  }

  public List<Listed> list() throws SQLException {
    return store.list().stream()
        .map(a -> new Listed(a.name(), a.role(), a.createdAt(), a.disabled()))
        .toList();
  }

  /** A new API token for a program acting as {@code name}; {@code ttl} empty: no expiry. */
  public Issued issueToken(String name, String label, Optional<Duration> ttl, String by)
      throws SQLException {
    OperatorStore.Account account =
        store
            .find(name)
            .orElseThrow(() -> new IllegalArgumentException("no operator named " + name));
    if (account.disabled()) {
      throw new IllegalArgumentException("operator " + name + " is disabled");
    }
    if (label.isBlank() || label.length() > 200) {
      throw new IllegalArgumentException("a token label has 1..200 characters");
    }
    Issued issued = issue(name, OperatorStore.Kind.API, label, ttl);
    audit.record(
        by,
        "token.create",
        name,
        "ok",
        "label " + label + issued.expiresAt().map(at -> ", expires " + at).orElse(""));
    return issued;
  }

  /** Revokes an operator's API tokens that carry {@code label}; returns how many. */
  public int revokeToken(String name, String label, String by) throws SQLException {
    int revoked = store.revoke(name, label);
    audit.record(by, "token.revoke", name, revoked > 0 ? "ok" : "none", "label " + label);
    return revoked;
  }

  /** A human's login: a session token on success; every outcome is audited. */
  public Login login(String name, char[] password, String from) throws SQLException {
    try {
      Instant now = clock.instant();
      if (!throttle.allows(audit.count("login", name, "failed", throttle.since(now)))) {
        audit.record(name, "login", name, "throttled", "from " + from);
        return new Throttled();
      }
      Optional<OperatorStore.Account> account = store.find(name);
      // An unknown name costs the same hashing as a known one: timing does not tell names apart.
      PasswordHash hash = account.map(OperatorStore.Account::password).orElse(DUMMY);
      boolean matches = hash.matches(password);
      if (account.isEmpty() || !matches || account.get().disabled()) {
        String why = account.isEmpty() ? "unknown name" : !matches ? "wrong password" : "disabled";
        audit.record(name, "login", name, "failed", why + ", from " + from);
        return new Rejected();
      }
      if (hash.isBelowCurrent()) {
        store.rehash(name, PasswordHash.create(password, RANDOM));
      }
      store.purgeExpiredSessions(now);
      Issued session = issue(name, OperatorStore.Kind.SESSION, "login", Optional.of(SESSION_TTL));
      audit.record(name, "login", name, "ok", "from " + from);
      return new LoggedIn(session, account.get().role());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The live operator behind a bearer token: not revoked, not expired, account not disabled. */
  public Optional<Caller> authenticate(String token) throws SQLException {
    Optional<OperatorStore.Holder> holder = store.holder(BearerTokens.sha256(token));
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    OperatorStore.Token t = holder.get().token();
    OperatorStore.Account account = holder.get().account();
    boolean expired = t.expiresAt().map(at -> !clock.instant().isBefore(at)).orElse(false);
    if (t.revoked() || expired || account.disabled()) {
      return Optional.empty();
    }
    return Optional.of(new Caller(account.name(), account.role()));
  }

  private Issued issue(String name, OperatorStore.Kind kind, String label, Optional<Duration> ttl)
      throws SQLException {
    String token = BearerTokens.create(RANDOM);
    Instant now = clock.instant();
    Optional<Instant> expiresAt = ttl.map(now::plus);
    store.addToken(
        BearerTokens.sha256(token),
        new OperatorStore.Token(name, kind, label, now, expiresAt, false));
    return new Issued(token, name, expiresAt);
  }

  static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an operator name has 1..64 characters a-z 0-9 . _ -, starting with a letter or digit: '"
              + name
              + "'");
    }
  }

  /** Hashed against when the name is unknown, so that the answer takes as long. */
  private static final PasswordHash DUMMY =
      PasswordHash.create("not-a-password-of-anyone".toCharArray(), new SecureRandom());
}
