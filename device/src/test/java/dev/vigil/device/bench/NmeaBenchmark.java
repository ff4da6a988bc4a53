package dev.vigil.device.bench;

import dev.vigil.device.gps.GnssFix;
import dev.vigil.device.gps.NmeaDecoder;
import dev.vigil.device.gps.NmeaParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * NMEA lines handled per second, over the real 31-minute Munich drive (scripts/bench-nmea). Each
 * invocation goes through the whole recording, so one operation is one line. {@code checksumOnly}
 * is the reference measured in the same run: XOR of every line's bytes, the least any parser must
 * do; the others are best read as a ratio to it on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NmeaBenchmark {
  /** Lines in scripts/data/munich-gps.nmea without '#' comments (checked in setUp). */
  static final int LINES = 11_202;

  private byte[] stream;
  private List<String> lines;

  @Setup
  public void setUp() throws IOException {
    Path file = Path.of(System.getProperty("bench.nmea", "../scripts/data/munich-gps.nmea"));
    lines =
        Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
            .filter(l -> !l.startsWith("#") && !l.isEmpty())
            .toList();
    if (lines.size() != LINES) {
      throw new IllegalStateException("expected " + LINES + " lines, found " + lines.size());
    }
    stream = String.join("\r\n", lines).concat("\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Bytes to fixes: framing, checksum, parsing and epoch assembly, as a serial receiver's. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void decodeStream(Blackhole hole) {
    NmeaDecoder decoder = new NmeaDecoder();
    List<GnssFix> fixes = decoder.feed(stream, 0, stream.length);
    hole.consume(fixes);
    hole.consume(decoder.flush());
  }

  /** One framed line to a sentence record. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parseLines(Blackhole hole) {
    for (String line : lines) {
      hole.consume(NmeaParser.parse(line));
    }
  }

  /** Reference: touch every byte once. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public int checksumOnly() {
    int x = 0;
    for (byte b : stream) {
      x ^= b;
    }
    return x;
  }
}
