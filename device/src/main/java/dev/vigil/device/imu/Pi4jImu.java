package dev.vigil.device.imu;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * An MPU-6050-class chip on a Linux I2C bus ({@code /dev/i2c-N}) through Pi4J 2's linuxfs provider:
 * the only class that imports Pi4J's I2C. It checks and configures the chip at start (a missing or
 * wrong chip stops the agent) and then reads one burst every 1/rate seconds on its own thread,
 * stamping each sample with the clock. A failing read is reported once as lost and retried; the
 * next good read resumes the stream.
 */
public final class Pi4jImu implements ImuSource {
  /** Bus number (1 on a Raspberry Pi's header), 7-bit address and sample rate. */
  public record Settings(int bus, int address, int rateHz) {}

  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "imu-i2c");
            thread.setDaemon(true);
            return thread;
          });
  private Context pi4j;
  private boolean lost;
  private long failedReads;

  public Pi4jImu(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void start(ImuListener listener) {
    Mpu6050.Registers chip;
    try {
      chip = open();
      Mpu6050.configure(chip, settings.rateHz());
    } catch (IOException | RuntimeException e) {
      close();
      throw new IllegalStateException(
          String.format(
              "no IMU on I2C bus %d at 0x%02X: %s",
              settings.bus(), settings.address(), e.getMessage()),
          e);
    }
    long periodUs = 1_000_000L / settings.rateHz();
    poller.scheduleAtFixedRate(
        () -> poll(chip, listener), periodUs, periodUs, TimeUnit.MICROSECONDS);
    Logger.info(
        "IMU on I2C bus {} at 0x{} sampling at {} Hz",
        settings.bus(),
        Integer.toHexString(settings.address()),
        settings.rateHz());
  }

  private Mpu6050.Registers open() {
    pi4j = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
    I2CConfig config =
        I2C.newConfigBuilder(pi4j)
            .id("imu")
            .bus(settings.bus())
            .device(settings.address())
            .provider(LinuxFsI2CProvider.ID)
            .build();
    I2C i2c = pi4j.create(config);
    return new Mpu6050.Registers() {
      @Override
      public int read(int register) {
        return i2c.readRegister(register);
      }

      @Override
      public void read(int register, byte[] into) throws IOException {
        int n = i2c.readRegister(register, into, 0, into.length);
        if (n != into.length) {
          throw new IOException("short I2C read: " + n + " of " + into.length + " bytes");
        }
      }

      @Override
      public void write(int register, int value) {
        i2c.writeRegister(register, (byte) value);
      }
    };
  }

  private void poll(Mpu6050.Registers chip, ImuListener listener) {
    try {
      ImuSample sample = Mpu6050.read(chip, clock.instant());
      if (lost) {
        lost = false;
        Logger.info("IMU reads again after {} failed", failedReads);
      }
      listener.onSample(sample);
    } catch (IOException | RuntimeException e) {
      failedReads++;
      if (!lost) {
        lost = true;
        listener.onLost("I2C read failed: " + e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    if (pi4j != null) {
      pi4j.shutdown();
      pi4j = null;
    }
  }
}
