package dev.vigil.gateway.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code scripts/chaos-kill --cycles N [--seed S] [--gateway-kills K] [--work DIR]}: the crash
 * test. One gateway (a real process on its own Mosquitto and a fresh PostgreSQL schema) and one
 * device agent process that replays a drive fast, records positions every 100 ms and gets panic
 * presses at random moments; every cycle the agent is killed with SIGKILL at a random moment and
 * started again. K times along the way the gateway is killed mid-stream too and restarted. At the
 * end an agent with no new input drains the backlog, and the agent's witness journal (what it had
 * confirmed durable) is compared with what the gateway stored. The last line is {@code cycles=N
 * accepted=A stored=S lost=L duplicates=D}; the exit status is 1 when L or D is not zero.
 */
public final class ChaosKill {
  static final String DRIVE = "scripts/data/munich-gps.nmea";
  private static final long DRAIN_TIMEOUT_MS = 240_000;

  private final ChaosWorld world;
  private final Random random;
  private final PrintStream out;
  private Child gateway;

  private ChaosKill(ChaosWorld world, Random random, PrintStream out) {
    this.world = world;
    this.random = random;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  /** Runs the test; returns the exit status (0: nothing lost, nothing doubled). */
  static int run(String[] args, PrintStream out) throws Exception {
    int cycles = Integer.parseInt(option(args, "--cycles", "100"));
    long seed = Long.parseLong(option(args, "--seed", Long.toString(System.nanoTime())));
    int gatewayKills = Integer.parseInt(option(args, "--gateway-kills", "2"));
    Path work =
        Path.of(option(args, "--work", Files.createTempDirectory("vigil-chaos").toString()));
    out.printf(
        "chaos-kill: %d cycles, %d gateway kills, seed %d, work %s%n",
        cycles, gatewayKills, seed, work);
    try (ChaosWorld world = ChaosWorld.create(work, Path.of(option(args, "--root", ".")))) {
      Tally tally = new ChaosKill(world, new Random(seed), out).crash(cycles, gatewayKills);
      boolean clean = tally.lost() == 0 && tally.duplicates() == 0;
      if (!clean) {
        world.keepDatabase();
      }
      out.println(tally.line(cycles));
      return clean ? 0 : 1;
    }
  }

  private Tally crash(int cycles, int gatewayKills) throws Exception {
    gateway = world.startGateway();
    require(gateway.awaitLog("gateway up", 60_000), "the gateway did not start");
    Set<Integer> gatewayKillCycles = new java.util.HashSet<>();
    for (int k = 1; k <= gatewayKills; k++) {
      gatewayKillCycles.add(Math.max(1, (int) ((long) k * cycles / (gatewayKills + 1))));
    }
    long started = System.nanoTime();
    int presses = 0;
    for (int cycle = 1; cycle <= cycles; cycle++) {
      presses += cycle(gatewayKillCycles.contains(cycle));
      if (cycle % 50 == 0 || cycle == cycles) {
        out.printf("cycle %d: %d presses so far, %.0f s%n", cycle, presses, seconds(started));
      }
    }
    return drain();
  }

  /**
   * One life of the agent: start, drive, maybe presses, SIGKILL. Most lives are killed at a random
   * moment after the agent reported it runs; one in five at a random moment of its start-up, which
   * includes the outbox's recovery scan. Returns the presses made.
   */
  private int cycle(boolean killGateway) throws Exception {
    require(gateway.alive(), "the gateway stopped by itself; see " + world.gatewayLog());
    Child agent = world.startAgent(true);
    if (!killGateway && random.nextInt(5) == 0) {
      Thread.sleep(random.nextInt(1_500));
      agent.kill();
      return 0;
    }
    require(agent.awaitLog("running", 60_000), "the agent did not start; see agent.log");
    long killAtMs = 100 + random.nextInt(2_400);
    List<Long> pressesAtMs = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      pressesAtMs.add((long) random.nextInt((int) killAtMs));
    }
    pressesAtMs.sort(null);
    long gatewayKillAtMs = killGateway ? random.nextInt((int) killAtMs) : -1;
    long born = System.nanoTime();
    for (long at : pressesAtMs) {
      sleepUntil(born, at);
      agent.println("press");
    }
    if (killGateway) {
      sleepUntil(born, gatewayKillAtMs);
      gateway.kill();
      out.printf("gateway killed (SIGKILL) %d ms into a cycle; restarting it%n", gatewayKillAtMs);
      gateway = world.startGateway();
    }
    sleepUntil(born, killAtMs);
    agent.kill();
    return pressesAtMs.size();
  }

  /** Starts an agent with no new input and waits until everything it confirmed is stored. */
  private Tally drain() throws Exception {
    require(gateway.awaitLog("gateway up", 60_000), "the restarted gateway did not start");
    Child agent = world.startAgent(false);
    long start = System.nanoTime();
    Set<Long> accepted = Tally.accepted(world.witness(), new java.util.HashSet<>());
    try (Connection db = world.connect()) {
      while (!Tally.storedSeqs(db, world.deviceId()).containsAll(accepted)
          && (System.nanoTime() - start) / 1_000_000 < DRAIN_TIMEOUT_MS) {
        Thread.sleep(250);
      }
      out.printf("backlog drained in %.1f s%n", seconds(start));
      agent.stop(10_000);
      Tally tally = Tally.of(world.witness(), db, world.deviceId());
      reportLost(accepted, Tally.storedSeqs(db, world.deviceId()));
      out.printf("alarms accepted=%d; gateway alive=%s%n", tally.acceptedAlarms(), gateway.alive());
      return tally;
    } finally {
      gateway.stop(10_000);
    }
  }

  /** Names each confirmed record the gateway never stored, with its witness line (seq and lane). */
  private void reportLost(Set<Long> accepted, Set<Long> stored) throws java.io.IOException {
    for (String line : Files.readAllLines(world.witness())) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && !stored.contains(Long.parseLong(parts[0]))) {
        out.println("lost: seq " + parts[0] + " in lane " + parts[1]);
      }
    }
  }

  private static void sleepUntil(long bornNanos, long atMs) throws InterruptedException {
    long waitMs = atMs - (System.nanoTime() - bornNanos) / 1_000_000;
    if (waitMs > 0) {
      Thread.sleep(waitMs);
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException(problem);
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
