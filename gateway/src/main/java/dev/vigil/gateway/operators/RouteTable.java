package dev.vigil.gateway.operators;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call which HTTP route: each (method, path as registered, e.g. {@code
 * /api/alerts/{id}/ack}) maps to the lowest role allowed, or is public. Deny by default: a route
 * not in the table is refused to everyone, so a route added later without a role stays closed.
 * Pure: {@link #decide} takes the caller's role (if any) and returns the verdict.
 */
public final class RouteTable {
  /** The verdict on one request. */
  public enum Verdict {
    /** A public route: served to anyone. */
    PUBLIC,
    /** The caller's role is high enough. */
    ALLOWED,
    /** No valid credentials on a route that needs them: 401. */
    UNAUTHENTICATED,
    /** Valid credentials, role too low: 403. */
    ROLE_TOO_LOW,
    /** The route is not in the table: refused to everyone (401 without credentials, else 403). */
    NOT_LISTED;

    public boolean allows() {
      return this == PUBLIC || this == ALLOWED;
    }
  }

  private final Map<String, Optional<Role>> routes;

  private RouteTable(Map<String, Optional<Role>> routes) {
    this.routes = Map.copyOf(routes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Verdict decide(String method, String path, Optional<Role> caller) {
    Optional<Role> needed = routes.get(key(method, path));
    if (needed == null) {
      return Verdict.NOT_LISTED;
    }
    if (needed.isEmpty()) {
      return Verdict.PUBLIC;
    }
    if (caller.isEmpty()) {
      return Verdict.UNAUTHENTICATED;
    }
    return caller.get().covers(needed.get()) ? Verdict.ALLOWED : Verdict.ROLE_TOO_LOW;
  }

  /** True when the table has an entry (public or with a role) for this route. */
  public boolean lists(String method, String path) {
    return routes.containsKey(key(method, path));
  }

  /** The lowest role of a listed route; empty for a public or unlisted one. */
  public Optional<Role> needed(String method, String path) {
    return routes.getOrDefault(key(method, path), Optional.empty());
  }

  /** Every listed route, {@code "METHOD path"} to its role name or {@code "public"}. */
  public Map<String, String> describe() {
    Map<String, String> out = new java.util.TreeMap<>();
    routes.forEach((k, v) -> out.put(k, v.map(Role::lowerCase).orElse("public")));
    return out;
  }

  private static String key(String method, String path) {
    return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
  }

  /** Collects the table; a route listed twice is a mistake and is refused. */
  public static final class Builder {
    private final Map<String, Optional<Role>> routes = new LinkedHashMap<>();

    public Builder open(String method, String path) {
      return put(method, path, Optional.empty());
    }

    public Builder require(Role role, String method, String path) {
      return put(method, path, Optional.of(role));
    }

    private Builder put(String method, String path, Optional<Role> role) {
      if (routes.putIfAbsent(key(method, path), role) != null) {
        throw new IllegalArgumentException("route listed twice: " + key(method, path));
      }
      return this;
    }

    public RouteTable build() {
      return new RouteTable(routes);
    }
  }
}
