package dev.vigil.gateway.operators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The HTTP side of operators: a check before every matched route, which finds the caller from
 * {@code Authorization: Bearer TOKEN} and asks the {@link RouteTable}; 401 for missing or invalid
 * credentials, 403 for a role too low or a route not in the table; every denial is audited, as is
 * every access to evidence. Also serves:
 *
 * <ul>
 *   <li>{@code POST /api/login} {@code {"name", "password"}}: {@code {"token", "expiresAt",
 *       "role"}}, a session token for {@link Operators#SESSION_TTL}; 401 for a wrong name or
 *       password, 429 after too many failures ({@link LoginThrottle}).
 *   <li>{@code GET /api/me}: the caller's name and role.
 *   <li>{@code GET /api/audit?limit=N&action=A&who=W}: the audit log, newest first (supervisor).
 *   <li>{@code GET /api/operators}: the accounts (admin).
 * </ul>
 *
 * A request to a path no route matches is answered 404 by Javalin, before any check, with no data.
 */
public final class AccessCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LOGIN_BODY_BYTES = 4_096;

  /** Where the HTTP API serves the control-room console's static files (no routes live there). */
  public static final String CONSOLE = "/console/";

  private final Operators operators;
  private final RouteTable table;
  private final List<String> unlisted = new java.util.concurrent.CopyOnWriteArrayList<>();

  public AccessCheck(Operators operators, RouteTable table) {
    this.operators = operators;
    this.table = table;
  }

  /** Installs the check and the operator routes; call before the server starts. */
  public void install(Javalin app) {
    app.beforeMatched(this::check)
        .exception(Denied.class, (e, ctx) -> ctx.status(e.status).json(Map.of("error", e.reason)))
        .post("/api/login", this::login)
        .get("/api/me", this::me)
        .get("/api/audit", this::audit)
        .get("/api/operators", this::accounts);
  }

  /**
   * Told of every handler Javalin adds: an endpoint missing from the table is logged at start, so
   * that a route someone forgot to list is noticed (it is closed either way).
   */
  public void noticeRoute(HandlerMetaInfo handler) {
    if (!handler.getHttpMethod().isHttpMethod()) {
      return;
    }
    String method = handler.getHttpMethod().name();
    if (handler.getPath().startsWith(CONSOLE)) {
      // Everything under it is served unchecked as the console's static files.
      throw new IllegalStateException(
          "route " + method + " " + handler.getPath() + " under " + CONSOLE + " would be public");
    }
    if (!table.lists(method, handler.getPath())) {
      unlisted.add(method + " " + handler.getPath());
      Logger.warn(
          "HTTP route {} {} is not in the route table: it is closed to everyone",
          method,
          handler.getPath());
    }
  }

  /** The endpoints registered so far that the table does not list (closed to everyone). */
  public List<String> unlisted() {
    return List.copyOf(unlisted);
  }

  private void check(Context ctx) throws SQLException {
    String method = ctx.method().name();
    if (method.equals("GET") && ctx.path().startsWith(CONSOLE)) {
      return; // the console's pages and scripts hold no data; what they fetch is checked
    }
    String path = ctx.endpointHandlerPath();
    Optional<String> token = BearerTokens.fromHeader(ctx.header("Authorization"));
    Optional<Caller> caller =
        token.isPresent() ? operators.authenticate(token.get()) : Optional.empty();
    RouteTable.Verdict verdict = table.decide(method, path, caller.map(Caller::role));
    if (verdict == RouteTable.Verdict.PUBLIC) {
      return;
    }
    String target = method + " " + ctx.path();
    if (verdict.allows()) {
      ctx.attribute(Caller.ATTRIBUTE, caller.get());
      // Evidence, the audit log and accounts: every read is itself audited.
      if (table.needed(method, path).orElse(Role.OPERATOR).covers(Role.SUPERVISOR)) {
        operators.audit().record(caller.get().name(), "http.access", target, "allowed", "");
      }
      return;
    }
    String who = caller.map(Caller::name).orElse(token.isPresent() ? "invalid token" : "anonymous");
    operators
        .audit()
        .record(who, "http.denied", target, verdict.name().toLowerCase(java.util.Locale.ROOT), "");
    if (caller.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new Denied(HttpStatus.UNAUTHORIZED, "a valid operator token is required");
    }
    throw new Denied(
        HttpStatus.FORBIDDEN,
        verdict == RouteTable.Verdict.NOT_LISTED
            ? "this route is not open to any role"
            : "needs role " + table.needed(method, path).map(Role::lowerCase).orElse("?"));
  }

  private void login(Context ctx) throws SQLException {
    byte[] raw = ctx.bodyAsBytes();
    if (raw.length > MAX_LOGIN_BODY_BYTES) {
      throw new Denied(HttpStatus.BAD_REQUEST, "the body is larger than 4096 bytes");
    }
    JsonNode body;
    try {
      body = JSON.readTree(raw);
    } catch (IOException e) {
      throw new Denied(HttpStatus.BAD_REQUEST, "the body is not JSON");
    }
    if (body == null
        || !body.isObject()
        || !body.path("name").isTextual()
        || !body.path("password").isTextual()) {
      throw new Denied(
          HttpStatus.BAD_REQUEST, "the body must be {\"name\": ..., \"password\": ...}");
    }
    Operators.Login login =
        operators.login(
            body.get("name").textValue(), body.get("password").textValue().toCharArray(), ctx.ip());
    if (login instanceof Operators.LoggedIn in) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("token", in.session().token());
      answer.put("expiresAt", in.session().expiresAt().orElseThrow().toString());
      answer.put("role", in.role().lowerCase());
      ctx.json(answer);
    } else if (login instanceof Operators.Throttled) {
      throw new Denied(HttpStatus.TOO_MANY_REQUESTS, "too many failed logins; try again later");
    } else {
      throw new Denied(HttpStatus.UNAUTHORIZED, "wrong name or password");
    }
  }

  private void me(Context ctx) {
    Caller caller = Caller.of(ctx).orElseThrow();
    ctx.json(Map.of("name", caller.name(), "role", caller.role().lowerCase()));
  }

  private void audit(Context ctx) throws SQLException {
    int limit = limit(ctx.queryParam("limit"));
    List<AuditLog.Entry> entries =
        operators
            .audit()
            .recent(
                limit,
                Optional.ofNullable(ctx.queryParam("action")),
                Optional.ofNullable(ctx.queryParam("who")));
    ctx.json(entries.stream().map(AccessCheck::row).toList());
  }

  private void accounts(Context ctx) throws SQLException {
    ctx.json(
        operators.list().stream()
            .map(
                a ->
                    Map.of(
                        "name",
                        a.name(),
                        "role",
                        a.role().lowerCase(),
                        "createdAt",
                        a.createdAt().toString(),
                        "disabled",
                        a.disabled()))
            .toList());
  }

  private static Map<String, Object> row(AuditLog.Entry e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", e.id());
    row.put("at", e.at().toString());
    row.put("who", e.who());
    row.put("action", e.action());
    row.put("target", e.target());
    row.put("outcome", e.outcome());
    row.put("detail", e.detail());
    return row;
  }

  private static int limit(String raw) {
    if (raw == null) {
      return 100;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= 1_000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Denied(HttpStatus.BAD_REQUEST, "limit must be a whole number between 1 and 1000");
  }

  /** A request refused here, answered with its status and reason as JSON. */
  static final class Denied extends RuntimeException {
    private final HttpStatus status;
    private final String reason;

    Denied(HttpStatus status, String reason) {
      super(reason, null, false, false);
      this.status = status;
      this.reason = reason;
    }
  }
}
