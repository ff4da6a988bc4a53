package dev.vigil.gateway.ingest;

import dev.vigil.gateway.store.Uplink;

/**
 * Told of every authenticated uplink, before it is stored: a device that speaks is alive. Must be
 * cheap (it runs on the ingest lanes) and must not fail.
 */
public interface Presence {
  void seen(Uplink uplink);

  Presence NONE = uplink -> {};
}
