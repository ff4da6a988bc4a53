package dev.vigil.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gateway.Gateway;
import dev.vigil.gateway.operators.Role;
import dev.vigil.protocol.alert.ControlAlert;
import dev.vigil.protocol.pb.AlarmType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The control-room console in a real browser (Debian's Chromium through its chromedriver) against a
 * real gateway: an operator signs in, sees a device's panic, acknowledges it and resolves it with a
 * reason, and each change is the one the gateway stored, under the signed-in operator's name.
 */
class ConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path folder;

  @Test
  @Timeout(180)
  void anOperatorSignsInAcknowledgesAndResolvesAPanic() throws Exception {
    assertTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "install chromium and chromium-driver (.ci/run does)");
    TestFleet fleet = new TestFleet(folder);
    Map<String, String> settings = fleet.gatewaySettings(Optional.empty());
    String name = "desk-" + fleet.runId;
    String password = "correct horse " + fleet.runId;
    try (Gateway gateway = fleet.startGateway(settings);
        SimDevice device = sim(fleet, gateway)) {
      gateway.operators().add(name, Role.OPERATOR, password.toCharArray(), "test");
      device.alarm("c-1", AlarmType.PANIC, "", 48.17769, Instant.now());

      WebDriver browser = chromium();
      try {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get("http://127.0.0.1:" + gateway.httpPort() + "/");

        signIn(browser, name, "wrong password");
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong name or password"));
        signIn(browser, name, password);

        By row = By.cssSelector("#alerts tbody tr");
        WebElement raised =
            wait.until(ExpectedConditions.presenceOfElementLocated(row(device.vehicleId)));
        String alertId = raised.getAttribute("data-alert-id");
        assertTrue(raised.getText().contains("PANIC"), raised.getText());
        assertTrue(raised.getText().contains("OPEN"), raised.getText());
        assertTrue(raised.getText().contains("48.17769"), raised.getText());
        assertTrue(browser.getTitle().startsWith("(1) "), browser.getTitle());

        raised.findElement(By.cssSelector("button[data-action=ack]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row(device.vehicleId), name));
        assertTrue(cells(browser, device.vehicleId).startsWith("ACKNOWLEDGED"));
        ControlAlert acknowledged = gateway.alerts().find(alertId).orElseThrow();
        assertEquals("ACKNOWLEDGED", acknowledged.state().name());
        assertEquals(name, acknowledged.progress().acknowledgedBy());

        browser
            .findElement(row(device.vehicleId))
            .findElement(By.cssSelector("button[data-action=resolve]"))
            .click();
        new Select(browser.findElement(By.id("resolve-reason"))).selectByValue("FALSE_ALARM");
        browser.findElement(By.id("resolve-note")).sendKeys("pressed by a child");
        browser.findElement(By.id("resolve-confirm")).click();
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                row(device.vehicleId), name + " (FALSE_ALARM)"));
        ControlAlert resolved = gateway.alerts().find(alertId).orElseThrow();
        assertEquals("RESOLVED", resolved.state().name());
        assertEquals(name, resolved.progress().resolvedBy());
        assertEquals("FALSE_ALARM", resolved.progress().resolution());
        assertEquals("pressed by a child", gateway.alerts().history(alertId).get(2).note());
        assertTrue(browser.findElements(row).size() >= 1);
        assertEquals("Vigil control room", browser.getTitle(), "nothing is waiting any more");
      } finally {
        browser.quit();
      }
    }
  }

  private static By row(String vehicleId) {
    return By.xpath("//table[@id='alerts']/tbody/tr[td[4][text()='" + vehicleId + "']]");
  }

  private static String cells(WebDriver browser, String vehicleId) {
    return browser.findElement(row(vehicleId)).getText();
  }

  private static void signIn(WebDriver browser, String name, String password) {
    WebElement user = browser.findElement(By.id("login-name"));
    user.clear();
    user.sendKeys(name);
    WebElement secret = browser.findElement(By.id("login-password"));
    secret.clear();
    secret.sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
  }

  private static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static SimDevice sim(TestFleet fleet, Gateway gateway) throws Exception {
    return fleet.sim(gateway, "console", gateway.brokerUrl());
  }
}
