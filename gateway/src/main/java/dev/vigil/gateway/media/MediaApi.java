package dev.vigil.gateway.media;

import dev.vigil.gateway.operators.Caller;
import dev.vigil.protocol.media.SealedMediaException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Evidence over HTTP. Every access names a reason ({@code ?reason=}); the operator is the
 * authenticated caller (a supervisor or above, see {@code operators.GatewayRoutes}); both are
 * written to the media audit before anything is served.
 *
 * <ul>
 *   <li>{@code GET /api/alerts/{alertId}/media}: the recordings of an alert (no content).
 *   <li>{@code GET /api/alerts/{alertId}/clips/{camera}}: one camera's clip, MPEG-TS.
 *   <li>{@code POST /api/alerts/{alertId}/hold}: legal hold (attach to an incident).
 *   <li>{@code GET /api/media/{mediaId}}: one recording (JPEG snapshot or MPEG-TS segment).
 *   <li>{@code GET /api/media-audit?what=ID}: the audit entries of a recording or alert.
 *   <li>{@code GET /api/incidents/{alertId}/package}: the incident package (zip), see {@link
 *       IncidentPackage}; puts the evidence under legal hold.
 * </ul>
 *
 * A file that no longer matches its hash or tag answers 409 and is never served.
 */
public final class MediaApi {
  private final MediaRepository repository;
  private final MediaAccess access;
  private final MediaRetention retention;
  private final IncidentPackage packages;
  private final Clock clock;

  public MediaApi(
      MediaRepository repository,
      MediaAccess access,
      MediaRetention retention,
      IncidentPackage packages,
      Clock clock) {
    this.repository = repository;
    this.access = access;
    this.retention = retention;
    this.packages = packages;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get("/api/alerts/{alertId}/media", this::list)
        .get("/api/alerts/{alertId}/clips/{camera}", this::clip)
        .post("/api/alerts/{alertId}/hold", this::hold)
        .get("/api/media/{mediaId}", this::media)
        .get("/api/media-audit", this::audit)
        .get("/api/incidents/{alertId}/package", this::incidentPackage)
        .exception(Refused.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()))
        .exception(
            SealedMediaException.class,
            (e, ctx) ->
                error(ctx, HttpStatus.CONFLICT, "evidence does not verify: " + e.getMessage()));
  }

  private void list(Context ctx) throws Exception {
    ctx.json(repository.itemsOfAlert(ctx.pathParam("alertId")));
  }

  private void clip(Context ctx) throws Exception {
    byte[] clip;
    try {
      clip = access.clip(ctx.pathParam("alertId"), ctx.pathParam("camera"), requester(ctx));
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
    ctx.contentType("video/mp2t").result(clip);
  }

  private void incidentPackage(Context ctx) throws Exception {
    String alertId = ctx.pathParam("alertId");
    byte[] zip;
    try {
      zip = packages.export(alertId, requester(ctx));
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
    ctx.header("Content-Disposition", "attachment; filename=\"incident-" + alertId + ".zip\"");
    ctx.contentType("application/zip").result(zip);
  }

  private void hold(Context ctx) throws Exception {
    int held = retention.hold(ctx.pathParam("alertId"), requester(ctx), clock.instant());
    ctx.json(Map.of("held", held));
  }

  private void media(Context ctx) throws Exception {
    String mediaId = ctx.pathParam("mediaId");
    Optional<MediaRepository.Item> item = repository.item(mediaId);
    if (item.isEmpty() || !item.get().stored()) {
      error(ctx, HttpStatus.NOT_FOUND, "no stored media " + mediaId);
      return;
    }
    byte[] plaintext = access.view(mediaId, requester(ctx));
    ctx.contentType(item.get().kind() == 3 ? "image/jpeg" : "video/mp2t").result(plaintext);
  }

  private void audit(Context ctx) throws Exception {
    String what = ctx.queryParam("what");
    if (what == null) {
      throw new Refused("what is required");
    }
    ctx.json(repository.audits(what));
  }

  private static MediaAccess.Requester requester(Context ctx) {
    try {
      // The authenticated caller, not a name the request could choose.
      String operator =
          Caller.of(ctx)
              .map(Caller::name)
              .orElseThrow(() -> new IllegalStateException("media route without access check"));
      return new MediaAccess.Requester(operator, ctx.queryParam("reason"));
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
  }

  private static void error(Context ctx, HttpStatus status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }

  /** A request the client must change. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }
}
