package dev.vigil.gateway.desk;

import dev.vigil.gateway.alerts.ControlAck;
import dev.vigil.gateway.alerts.ControlAckResult;
import dev.vigil.gateway.mqtt.MqttConnection;
import dev.vigil.protocol.alert.ControlAlert;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * {@code vigil-gateway watch}: a control-room desk. One thread owns the {@link DeskState}; MQTT,
 * the input reader and a one-second tick hand it events through a queue. The full-screen mode
 * ({@link AnsiScreen}, keys from {@link DeskKeys}) runs when stdin and stdout are a terminal and
 * {@code --plain} is not given; otherwise the plain mode prints {@link PlainLines} and reads {@link
 * LineCommands}. End of input in plain mode leaves the desk watching; {@code quit} ends it.
 */
public final class Watch {
  /**
   * @param operator the name acknowledgements are sent under; empty: the desk only watches
   * @param gateway the gateway's HTTP API, to load the live alerts on start; empty: MQTT only
   * @param token sent as {@code Authorization: Bearer} to the HTTP API
   * @param plain line mode even on a terminal
   */
  public record Options(
      String mqttUrl,
      String clientId,
      Optional<SSLContext> tls,
      Optional<String> operator,
      Optional<URI> gateway,
      Optional<String> token,
      boolean plain) {}

  private sealed interface Event {
    record AlertArrived(ControlAlert alert) implements Event {}

    record ResultArrived(ControlAckResult result) implements Event {}

    record Line(String text) implements Event {}

    record Pressed(Key key) implements Event {}

    record Failed(String message) implements Event {}

    record Tick() implements Event {}
  }

  private static final long TICK_MS = 1_000;

  private final Options options;
  private final PrintStream out;
  private final Clock clock;
  private final boolean fullScreen;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private DeskState state;
  private int[] size = {24, 80};

  private Watch(Options options, PrintStream out, Clock clock, boolean fullScreen) {
    this.options = options;
    this.out = out;
    this.clock = clock;
    this.fullScreen = fullScreen;
    this.state = DeskState.start(options.operator());
  }

  /**
   * Runs the desk until {@code q}/{@code quit} (or the thread is interrupted).
   *
   * @param terminal true when stdin and stdout are a terminal: full screen unless {@code plain}
   * @return the exit status: 0
   * @throws IOException when the gateway's API was given and did not answer with the alerts
   */
  public static int run(
      Options options, InputStream in, PrintStream out, Clock clock, boolean terminal)
      throws Exception {
    Watch watch = new Watch(options, out, clock, terminal && !options.plain());
    MqttConnection.Options mqtt =
        new MqttConnection.Options(options.mqttUrl(), options.clientId(), 0, 100, options.tls());
    try (DeskLink link =
        new DeskLink(
            mqtt,
            a -> watch.events.add(new Event.AlertArrived(a)),
            r -> watch.events.add(new Event.ResultArrived(r)))) {
      link.connect();
      List<ControlAlert> open =
          options.gateway().isPresent()
              ? OpenAlerts.load(options.gateway().get(), options.token())
              : List.of();
      return watch.fullScreen ? watch.screen(link, open, in) : watch.lines(link, open, in);
    }
  }

  private int lines(DeskLink link, List<ControlAlert> open, InputStream in) throws Exception {
    open.forEach(a -> handle(new Event.AlertArrived(a), link));
    state = state.withConnected(link.connected());
    out.println(PlainLines.status(state.connected()));
    out.flush();
    daemon("desk-input", () -> readLines(in));
    return loop(link);
  }

  private int screen(DeskLink link, List<ControlAlert> open, InputStream in) throws Exception {
    for (ControlAlert alert : open) {
      state = state.withAlert(alert);
    }
    state = state.withConnected(link.connected());
    RawTerminal terminal = RawTerminal.enter();
    try {
      size = RawTerminal.size();
      draw();
      daemon("desk-keys", () -> readKeys(in));
      return loop(link);
    } finally {
      out.flush();
      terminal.restore();
    }
  }

  private int loop(DeskLink link) throws InterruptedException {
    long ticks = 0;
    while (true) {
      Event event = events.poll(TICK_MS, TimeUnit.MILLISECONDS);
      if (event == null) {
        event = new Event.Tick();
        if (fullScreen && ++ticks % 5 == 0) {
          size = RawTerminal.size();
        }
      }
      if (event instanceof Event.Tick) {
        tick(link);
      } else if (!handle(event, link)) {
        return 0;
      }
      if (fullScreen) {
        draw();
      }
    }
  }

  private void tick(DeskLink link) {
    boolean now = link.connected();
    if (now != state.connected()) {
      state = state.withConnected(now);
      if (!fullScreen) {
        print(PlainLines.status(now));
      }
    }
  }

  /** Applies one event; false when the operator asked to quit. */
  private boolean handle(Event event, DeskLink link) {
    if (event instanceof Event.AlertArrived arrived) {
      state = state.withAlert(arrived.alert());
      if (!fullScreen) {
        print(PlainLines.alert(arrived.alert(), clock.instant()));
      }
    } else if (event instanceof Event.ResultArrived arrived) {
      state = state.withResult(arrived.result());
      if (!fullScreen
          && options.operator().filter(arrived.result().operator()::equals).isPresent()) {
        print(PlainLines.result(arrived.result()));
      }
    } else if (event instanceof Event.Failed failed) {
      fail(failed.message());
    } else if (event instanceof Event.Pressed pressed) {
      DeskKeys.Reaction reaction = DeskKeys.press(state, pressed.key());
      state = reaction.state();
      return reaction.command().map(c -> execute(c, link)).orElse(true);
    } else if (event instanceof Event.Line line) {
      LineCommands.Parsed parsed = LineCommands.parse(line.text());
      if (parsed instanceof LineCommands.Parsed.Error error) {
        fail(error.message());
      } else if (parsed instanceof LineCommands.Parsed.Command command) {
        return execute(command.command(), link);
      }
    }
    return true;
  }

  /** Runs a command; false for quit. */
  private boolean execute(DeskCommand command, DeskLink link) {
    if (command instanceof DeskCommand.Quit) {
      return false;
    }
    if (command instanceof DeskCommand.ListAlerts) {
      state.rows().forEach(row -> print(PlainLines.row(row, clock.instant())));
      print("LISTED " + state.rows().size());
      return true;
    }
    if (options.operator().isEmpty()) {
      fail("--operator NAME is required to ack or resolve");
      return true;
    }
    ControlAck request;
    try {
      request = request(command, options.operator().get());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return true;
    }
    link.send(request)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                events.add(
                    new Event.Failed(
                        "request for " + request.alertId() + " not sent: " + failure.getMessage()));
              }
            });
    if (!fullScreen) {
      print(
          "SENT "
              + request.action().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + request.alertId());
    }
    return true;
  }

  /** The request for an ack or a resolve, checked as the gateway checks it. */
  static ControlAck request(DeskCommand command, String operator) {
    if (command instanceof DeskCommand.Ack ack) {
      return ControlAck.of(ack.alertId(), operator, ControlAck.Action.ACK, ack.note(), null);
    }
    DeskCommand.Resolve resolve = (DeskCommand.Resolve) command;
    return ControlAck.of(
        resolve.alertId(),
        operator,
        ControlAck.Action.RESOLVE,
        resolve.note(),
        resolve.reason().name());
  }

  private void fail(String message) {
    state = state.withNotice(message, true);
    if (!fullScreen) {
      print(PlainLines.error(message));
    }
  }

  private void print(String line) {
    out.println(line);
    out.flush();
  }

  private void draw() {
    out.print(AnsiScreen.render(state, clock.instant(), size[1], size[0]));
    out.flush();
  }

  private void readLines(InputStream in) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        events.add(new Event.Line(line));
      }
    } catch (IOException e) {
      events.add(new Event.Failed("input closed: " + e.getMessage()));
    }
  }

  private void readKeys(InputStream in) {
    KeyDecoder decoder = new KeyDecoder();
    try {
      for (int b = in.read(); b >= 0; b = in.read()) {
        decoder.feed(b).ifPresent(k -> events.add(new Event.Pressed(k)));
        if (decoder.pending() && !followsSoon(in)) {
          decoder.flush().ifPresent(k -> events.add(new Event.Pressed(k)));
        }
      }
    } catch (IOException | InterruptedException e) {
      events.add(new Event.Failed("keyboard closed: " + e.getMessage()));
    }
  }

  /** True when another byte arrives within 50 ms: an escape sequence, not a lone Escape. */
  private static boolean followsSoon(InputStream in) throws IOException, InterruptedException {
    for (int i = 0; i < 10; i++) {
      if (in.available() > 0) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
