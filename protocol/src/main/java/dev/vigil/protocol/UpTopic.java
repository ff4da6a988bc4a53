package dev.vigil.protocol;

/** A parsed uplink topic: who claims to send, and what. */
public record UpTopic(String deviceId, UpKind kind) {}
