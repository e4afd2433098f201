package io.keyward.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api;
import io.keyward.it.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving the console of the
 * test server, plus the API calls the browser tests use to set the scene and to check what the server holds.
 * A test class registers one ({@code @RegisterExtension static final Browser browser = new Browser();}):
 * it starts with the class, checks after each test that the page's scripts logged no error (CSP
 * violations included), and quits with the class.
 */
final class Browser implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final String PASSWORD = "Console-Passw0rd";

    ChromeDriver driver;
    private WebDriverWait wait;
    private boolean admin;

    /** A browser in which the admin stays signed in for the whole class. */
    static Browser signedInAsAdmin() {
        Browser b = new Browser();
        b.admin = true;
        return b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        if (admin) {
            signInOk(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoConsoleErrors();
        if (!admin) {
            js("sessionStorage.clear()");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        driver.quit();
    }

    private void start() {
        ChromeOptions options = new ChromeOptions();
        String binary = System.getProperty("keyward.chromium", "/usr/bin/chromium");
        String driverPath = System.getProperty("keyward.chromedriver", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(driverPath))) {
            throw new IllegalStateException("The console's browser tests need Chromium and its driver: apt-get install chromium"
                    + " chromium-driver (or -Dkeyward.chromium=... -Dkeyward.chromedriver=...)");
        }
        options.setBinary(binary);
        // --no-sandbox: the tests may run as root (CI does), where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driverPath).toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // Pages re-render whole sections: an element found a moment ago may be gone; look again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    // ------------------------------------------------------------------ the page

    void open(String path) {
        driver.get(Api.BASE + path);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the element's text contains {@code text}, then answers its whole text. */
    String waitText(String css, String text) {
        try {
            return wait.until(d -> {
                List<WebElement> e = d.findElements(By.cssSelector(css));
                String shown = e.isEmpty() ? null : e.get(0).getText();
                return shown != null && shown.contains(text) ? shown : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected '" + text + "' in " + css + "; the page said: "
                    + driver.findElement(By.tagName("body")).getText());
        }
    }

    /** The element's text now, or "" if there is none. */
    String textOf(String css) {
        List<WebElement> e = all(css);
        return e.isEmpty() ? "" : e.get(0).getText();
    }

    /** The page's heading once it says {@code title}. */
    void waitTitle(String title) {
        waitText("main h1", title);
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Clicks the first button whose text is exactly {@code label}, inside {@code scopeCss}. */
    void button(String scopeCss, String label) {
        wait.until(d -> {
            for (WebElement b : d.findElements(By.cssSelector(scopeCss + " button"))) {
                if (b.isDisplayed() && b.isEnabled() && b.getText().trim().equals(label)) {
                    b.click();
                    return true;
                }
            }
            return false;
        });
    }

    void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void phone() {
        driver.manage().window().setSize(PHONE);
    }

    void desktop() {
        driver.manage().window().setSize(DESKTOP);
    }

    /** Saves a screenshot of the viewport to target/console-screenshots/{name}.png. */
    void shot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page's own scripts raised no error and no Content-Security-Policy violation. */
    void assertNoConsoleErrors() {
        List<LogEntry> bad = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // A refused API call shows in the page; Chromium also logs its status, which is not a script error.
                .filter(e -> !e.getMessage().contains("Failed to load resource"))
                .toList();
        assertTrue(bad.isEmpty(), () -> "browser console errors: " + bad.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
    }

    // ------------------------------------------------------------------ signing in

    void signIn(String userId, String password) {
        open("/console/");
        type("#signin-user", userId);
        type("#signin-password", password);
        click("#signin-form button[type=submit]");
    }

    /** Signs in and waits for the shell (the user's ID in the header). */
    void signInOk(String userId, String password) {
        signIn(userId, password);
        waitText("#who-name", userId);
    }

    void signOut() {
        click("#sign-out");
        waitTitle("Sign in");
    }

    /** Goes to a console route (#/...) and waits for its heading. */
    void go(String route, String title) {
        js("location.hash = arguments[0]", "#/" + route);
        waitTitle(title);
    }

    // ------------------------------------------------------------------ the API, as the tests' witness

    private static String adminToken;

    /** One admin session for the whole run: each password grant costs an Argon2id hash. */
    static synchronized String adminToken() {
        if (adminToken == null || Api.get("/api/v3/auth_info", adminToken).status() != 200) {
            adminToken = token(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        }
        return adminToken;
    }

    static String token(String userId, String password) {
        Reply r = Api.form("/oauth/token", "grant_type=password&username=" + Api.enc(userId) + "&password=" + Api.enc(password));
        assertEquals(200, r.status(), r.body());
        return r.json().getString("access_token");
    }

    /** A new approved user with {@link #PASSWORD}, created by the admin. */
    static String newUser(String prefix) {
        String id = Api.uniqueId(prefix);
        JsonObject body = Json.createObjectBuilder().add("user", Json.createObjectBuilder()
                .add("ids", Json.createObjectBuilder().add("user_id", id))
                .add("primary_email_address", id + "@example.com")
                .add("password", PASSWORD)
                .add("state", "STATE_APPROVED")).build();
        Reply r = Api.post("/api/v3/users", body, adminToken());
        assertEquals(200, r.status(), r.body());
        return id;
    }

    /** Updates fields of a user as the admin. */
    static void adminUpdate(String userId, Map<String, Object> fields) {
        var user = Json.createObjectBuilder(fields);
        var paths = Json.createArrayBuilder();
        fields.keySet().forEach(paths::add);
        Reply r = Api.put("/api/v3/users/" + userId, Json.createObjectBuilder().add("user", user)
                .add("field_mask", Json.createObjectBuilder().add("paths", paths)).build(), adminToken());
        assertEquals(200, r.status(), r.body());
    }

    /** The user as the admin reads it, with the given fields. */
    static JsonObject user(String userId, String mask) {
        Reply r = Api.get("/api/v3/users/" + userId + "?field_mask=" + mask, adminToken());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
