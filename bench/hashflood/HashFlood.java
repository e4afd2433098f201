import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** See run: medians and p99 of an authenticated Get, alone and under an anonymous hashing flood. */
public class HashFlood {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    static final String PASSWORD = "Bench-Passw0rd-1";
    static String base;
    static final String[] KINDS = {"token", "create", "update-password", "temporary-password"};
    /** The kinds of flood requests, in turn: by default all four. */
    static String[] kinds;

    public static void main(String[] args) throws Exception {
        base = args[0].replaceAll("/+$", "");
        int inFlight = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        kinds = args.length > 3 ? args[3].split(",") : KINDS;
        String user = "hf-" + UUID.randomUUID().toString().substring(0, 8);
        check(send("POST", "/api/v3/users", "application/json", "{\"user\":{\"ids\":{\"user_id\":\"" + user
                + "\"},\"primary_email_address\":\"" + user + "@bench.test\",\"password\":\"" + PASSWORD + "\"}}", null, null), 200);
        HttpResponse<String> login = send("POST", "/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=" + user + "&password=" + PASSWORD, null, null);
        check(login, 200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
        m.find();
        String token = m.group(1);

        // Warm-up, then the quiet baseline.
        measure(user, token, 3, null);
        List<Long> quiet = measure(user, token, seconds, null);

        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        for (int i = 0; i < inFlight; i++) {
            fire(i, user, flooding, statuses, sent);
        }
        Thread.sleep(2000); // let the queue fill
        List<Long> flooded = measure(user, token, seconds, statuses);
        flooding.set(false);

        report("without flood", quiet);
        report("with " + inFlight + " anonymous hashing requests in flight", flooded);
        System.out.println("flood answers (" + sent.get() + " sent): " + new java.util.TreeMap<>(toLongs(statuses)));
        System.exit(0);
    }

    /** Keeps one anonymous hashing request in flight: when it is answered, the next one goes. */
    static void fire(int i, String victim, AtomicBoolean flooding, Map<String, AtomicLong> statuses, AtomicLong sent) {
        if (!flooding.get()) {
            return;
        }
        long n = sent.incrementAndGet();
        String address = "198.51." + (n / 250 % 250) + "." + (n % 250 + 1);
        String kind = kinds[i % kinds.length];
        HttpRequest r = switch (kind) {
            case "token" -> req("POST", "/oauth/token", "application/x-www-form-urlencoded",
                    "grant_type=password&username=nobody-" + n + "&password=Wrong-Passw0rd", address);
            case "create" -> {
                String id = "hf-" + UUID.randomUUID().toString().substring(0, 13);
                yield req("POST", "/api/v3/users", "application/json", "{\"user\":{\"ids\":{\"user_id\":\"" + id
                        + "\"},\"primary_email_address\":\"" + id + "@bench.test\",\"password\":\"" + PASSWORD + "\"}}", address);
            }
            case "update-password" -> req("PUT", "/api/v3/users/" + victim + "/password", "application/json",
                    "{\"old\":\"Wrong-Passw0rd-" + n + "\",\"new\":\"Other-Passw0rd-1\"}", address);
            case "temporary-password" -> req("POST", "/api/v3/users/forgot-" + n + "/temporary_password", "application/json", "{}", address);
            default -> throw new IllegalArgumentException("unknown kind " + kind + "; use " + String.join(",", KINDS));
        };
        HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
            String key = kind + " " + (err != null ? "error" : Integer.toString(resp.statusCode()));
            statuses.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            fire(i, victim, flooding, statuses, sent);
        });
    }

    static List<Long> measure(String user, String token, int seconds, Map<String, AtomicLong> statuses) throws Exception {
        List<Long> micros = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = send("GET", "/api/v3/users/" + user + "?field_mask=name", null, null, token, null);
            micros.add((System.nanoTime() - t0) / 1000);
            if (r.statusCode() != 200) {
                System.out.println("authenticated GET answered " + r.statusCode() + ": " + r.body());
            }
        }
        return micros;
    }

    static void report(String what, List<Long> micros) {
        Collections.sort(micros);
        System.out.printf("%-50s n=%6d  median %7.2f ms  p99 %8.2f ms  max %8.2f ms%n", what, micros.size(),
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
    }

    static HttpRequest req(String method, String path, String type, String body, String address) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (address != null) {
            b.header("X-Forwarded-For", address);
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpResponse<String> send(String method, String path, String type, String body, String token, String address) throws Exception {
        HttpRequest r = req(method, path, type, body, address);
        if (token != null) {
            r = HttpRequest.newBuilder(r, (k, v) -> true).header("Authorization", "Bearer " + token).build();
        }
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path, String type, String body, String token) throws Exception {
        return send(method, path, type, body, token, null);
    }

    static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.statusCode() + ": " + r.body());
        }
    }

    static Map<String, Long> toLongs(Map<String, AtomicLong> m) {
        Map<String, Long> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
