package dev.vigil.device.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one class that imports Pi4J (2.8.0, the last line that runs on Java 17). The provider is
 * chosen explicitly: gpiod (the Linux GPIO character device, {@code /dev/gpiochip*}) on a box, or
 * Pi4J's mock plugin, whose {@code mockState(...)} fires the same state-change event a real edge
 * fires. Pi4J's own debounce is switched off: {@link Debounce} does it, in code we test.
 */
public final class Pi4jGpio implements Gpio {
  /** Which Pi4J plugin drives the pins. */
  public enum Provider {
    GPIOD,
    MOCK
  }

  private final Provider provider;
  private final Context pi4j;
  private final Map<Integer, MockDigitalInput> mockInputs = new ConcurrentHashMap<>();
  private final Map<Integer, DigitalOutput> outputs = new ConcurrentHashMap<>();

  private Pi4jGpio(Provider provider, Context pi4j) {
    this.provider = provider;
    this.pi4j = pi4j;
  }

  /**
   * Opens the GPIO. With gpiod, a box without a GPIO chip under {@code dev} is an error here (Pi4J
   * itself only logs a warning and fails later, pin by pin).
   */
  public static Pi4jGpio open(Provider provider, Path dev) {
    if (provider == Provider.GPIOD) {
      requireChip(dev);
      return new Pi4jGpio(
          provider,
          Pi4J.newContextBuilder()
              .noAutoDetect()
              .add(
                  GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
              .build());
    }
    return new Pi4jGpio(
        provider,
        Pi4J.newContextBuilder()
            .noAutoDetect()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build());
  }

  private static void requireChip(Path dev) {
    try (Stream<Path> files = Files.list(dev)) {
      if (files.noneMatch(f -> f.getFileName().toString().startsWith("gpiochip"))) {
        throw new IllegalStateException(
            "gpio.provider=gpiod but there is no GPIO chip ("
                + dev.resolve("gpiochip*")
                + "): not a Raspberry Pi, or the agent's container/user cannot see it");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dev + ": " + e.getMessage(), e);
    }
  }

  @Override
  public DigitalIn input(String name, int bcm, Pull pull) {
    DigitalInput input = claim(name, bcm, () -> createInput(name, bcm, pull));
    if (input instanceof MockDigitalInput mock) {
      mock.mockState(pull == Pull.UP ? DigitalState.HIGH : DigitalState.LOW);
      mockInputs.put(bcm, mock);
    }
    return new DigitalIn() {
      @Override
      public boolean high() {
        return input.state().isHigh();
      }

      @Override
      public void listen(LevelListener listener) {
        input.addListener(event -> listener.onLevel(event.state().isHigh()));
      }
    };
  }

  private DigitalInput createInput(String name, int bcm, Pull pull) {
    return pi4j.create(
        DigitalInput.newConfigBuilder(pi4j)
            .id("vigil-" + name)
            .name(name)
            .address(bcm)
            .pull(
                switch (pull) {
                  case UP -> PullResistance.PULL_UP;
                  case DOWN -> PullResistance.PULL_DOWN;
                  case OFF -> PullResistance.OFF;
                })
            .debounce(0L)
            .build());
  }

  @Override
  public DigitalOut output(String name, int bcm) {
    DigitalOutput output =
        claim(
            name,
            bcm,
            () ->
                pi4j.create(
                    DigitalOutput.newConfigBuilder(pi4j)
                        .id("vigil-" + name)
                        .name(name)
                        .address(bcm)
                        .initial(DigitalState.LOW)
                        .shutdown(DigitalState.LOW)
                        .build()));
    outputs.put(bcm, output);
    return new DigitalOut() {
      @Override
      public void set(boolean high) {
        output.state(high ? DigitalState.HIGH : DigitalState.LOW);
      }

      @Override
      public boolean high() {
        return output.state().isHigh();
      }
    };
  }

  private <T> T claim(String name, int bcm, Supplier<T> create) {
    try {
      return create.get();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "GPIO " + bcm + " (" + name + ") via " + provider + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<MockPins> mock() {
    return provider == Provider.MOCK ? Optional.of(new Mock()) : Optional.empty();
  }

  @Override
  public void close() {
    pi4j.shutdown();
  }

  private final class Mock implements MockPins {
    @Override
    public void drive(int bcm, boolean high) {
      MockDigitalInput input = mockInputs.get(bcm);
      if (input == null) {
        throw new IllegalArgumentException("no input claimed on GPIO " + bcm);
      }
      input.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean output(int bcm) {
      return requireOutput(bcm).state().isHigh();
    }

    @Override
    public void watchOutput(int bcm, LevelListener listener) {
      requireOutput(bcm).addListener(event -> listener.onLevel(event.state().isHigh()));
    }

    private DigitalOutput requireOutput(int bcm) {
      DigitalOutput output = outputs.get(bcm);
      if (output == null) {
        throw new IllegalArgumentException("no output claimed on GPIO " + bcm);
      }
      return output;
    }
  }
}
