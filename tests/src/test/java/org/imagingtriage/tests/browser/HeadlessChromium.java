package org.imagingtriage.tests.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (both from
 * {@code scripts/test}; being one Debian build, their versions match). Selenium Manager is never
 * consulted: the service names the driver executable and the options the browser binary, so
 * nothing is downloaded. Each instance has its own throw-away profile directory.
 *
 * <p>The browser console is recorded ({@code goog:loggingPrefs}): {@link #consoleErrors()} gives
 * the SEVERE entries of the page opened last, so a script error fails a test visibly.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
    /**
     * Selenium looks for CDP bindings matching the browser on every start and warns that there are
     * none: they are left off the classpath on purpose (nothing here uses CDP, and Selenium's
     * bindings lag Debian's Chromium). Held strongly, or java.util.logging would forget the levels.
     */
    private static final List<java.util.logging.Logger> QUIETENED = quietenCdpLookup();

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final List<LogEntry> pageLog = new ArrayList<>();

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    private static List<java.util.logging.Logger> quietenCdpLookup() {
        List<java.util.logging.Logger> loggers = new ArrayList<>();
        for (String name : List.of("org.openqa.selenium.devtools.CdpVersionFinder",
                "org.openqa.selenium.chromium.ChromiumDriver")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(Level.SEVERE);
            loggers.add(logger);
        }
        return List.copyOf(loggers);
    }

    /** Starts chromedriver and a headless Chromium; fails clearly when the Debian packages are missing. */
    public static HeadlessChromium start() {
        requireExecutable(CHROMIUM, "chromium");
        requireExecutable(CHROMEDRIVER, "chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("headless-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options(profile));
            LOG.info("Headless Chromium {} via {}", driver.getCapabilities().getBrowserVersion(), CHROMEDRIVER);
            return new HeadlessChromium(profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            deleteRecursively(profile);
            throw e;
        }
    }

    private static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // the tests run as root in CI, where Chromium's sandbox refuses to start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1366,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        return options;
    }

    private static void requireExecutable(Path path, String debianPackage) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the browser tests need Debian's " + debianPackage
                    + " package; run scripts/test, which installs chromium and chromium-driver.");
        }
    }

    /** Loads the URL; the console log recorded from here on is this page's. */
    public void open(String url) {
        drainConsole();
        pageLog.clear();
        driver.get(url);
    }

    /** Waits (up to 10 s) for the condition to give a non-null, non-false value, and returns it. */
    public <T> T waitUntil(String description, Function<WebDriver, T> condition) {
        return waitUntil(description, condition, TIMEOUT);
    }

    public <T> T waitUntil(String description, Function<WebDriver, T> condition, Duration timeout) {
        try {
            return new WebDriverWait(driver, timeout, POLL)
                    .withMessage(description)
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "\nBrowser console (all entries): " + consoleEntries(), e);
        }
    }

    /** The first element matching the CSS selector once it is displayed. */
    public WebElement waitFor(String css) {
        return waitUntil("a displayed " + css, d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until the selector's element is displayed and its rendered text contains the text. */
    public void waitForText(String css, String text) {
        waitUntil(css + " showing \"" + text + "\"", d -> d.findElements(By.cssSelector(css)).stream()
                .anyMatch(e -> e.isDisplayed() && e.getText().contains(text)));
    }

    public void click(String css) {
        WebElement element = waitFor(css);
        waitUntil(css + " enabled", d -> element.isEnabled());
        element.click();
    }

    /** Replaces the text of an input or textarea. */
    public void type(String css, String text) {
        WebElement element = waitFor(css);
        element.clear();
        element.sendKeys(text);
    }

    /** Chooses the option with this value in a select element. */
    public void select(String css, String value) {
        new Select(waitFor(css)).selectByValue(value);
    }

    /** Key presses sent to whatever has the focus. */
    public void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** The rendered text (as the reviewer sees it) of the first displayed match. */
    public String text(String css) {
        return waitFor(css).getText();
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean isDisplayed(String css) {
        return all(css).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The attribute of every element matching the selector, in document order. */
    public List<String> attributes(String css, String attribute) {
        return all(css).stream().map(e -> e.getDomAttribute(attribute)).toList();
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Writes a PNG of the viewport, creating the directory if needed. */
    public Path screenshot(Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEVERE browser console entries since the last {@link #open}: script errors, failed requests. */
    public List<String> consoleErrors() {
        drainConsole();
        return pageLog.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    private List<String> consoleEntries() {
        drainConsole();
        return pageLog.stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    public WebDriver driver() {
        return driver;
    }

    private void drainConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            pageLog.add(entry);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete Chromium's profile {}", directory, e);
        }
    }
}
