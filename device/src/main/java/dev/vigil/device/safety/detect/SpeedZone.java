package dev.vigil.device.safety.detect;

import dev.vigil.device.safety.geo.Polygon;

/** An area with its own speed limit (a school street, a depot, a city centre). */
public record SpeedZone(String name, Polygon area, double limitKmh) {}
