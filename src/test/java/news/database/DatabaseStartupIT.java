package news.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import news.NewsApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service started while its PostgreSQL is not up yet (started together, or restarting after a crash): it waits
 * for PostgreSQL up to {@code news.database.startup-timeout}, then migrates and answers; when PostgreSQL does not come
 * in time, start-up fails with a message saying so. Runs its own embedded PostgreSQL on a fixed port, started after
 * the service.
 */
class DatabaseStartupIT {

    private static final Duration POSTGRES_LATE_BY = Duration.ofSeconds(4);

    @TempDir
    Path work;

    private EmbeddedPostgres postgres;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        contexts.forEach(ConfigurableApplicationContext::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresStartsAfterTheService_serviceWaitsForIt_thenMigratesAndAnswers() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        CompletableFuture<ConfigurableApplicationContext> service =
                CompletableFuture.supplyAsync(() -> start(port, "60s"));
        Thread.sleep(POSTGRES_LATE_BY.toMillis());
        assertThat(service).as("the service waits for PostgreSQL").isNotDone();
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("timezone", "UTC")
                .start();

        ConfigurableApplicationContext context = service.get(120, TimeUnit.SECONDS);
        contexts.add(context);
        assertThat(System.nanoTime() - started).isGreaterThan(POSTGRES_LATE_BY.toNanos());

        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:"
                                        + context.getEnvironment().getProperty("local.server.port") + "/graphql"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"query\":\"{ sections { slug } latest(first: 1) { totalCount } }\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("errors").contains("\"latest\":{\"totalCount\":");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void postgresNeverComes_startFailsAfterTheTimeout_withAMessageSayingSo(CapturedOutput output) throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        assertThatThrownBy(() -> start(port, "3s"))
                .satisfies(failure -> assertThat(messages(failure))
                        .anySatisfy(message -> assertThat(message)
                                .contains("PostgreSQL at jdbc:postgresql://localhost:" + port + "/postgres")
                                .contains("did not accept a connection within 3 s (news.database.startup-timeout)")
                                .contains("last error: ")));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo(3).isLessThan(30);
        // Spring Boot's start-up failure report says what happened and what to do, not only a stack trace.
        assertThat(output.getAll())
                .contains("Waiting for PostgreSQL at jdbc:postgresql://localhost:" + port + "/postgres")
                .contains("APPLICATION FAILED TO START")
                .contains("did not accept a connection within 3 s (news.database.startup-timeout)")
                .contains("raise news.database.startup-timeout");
    }

    private ConfigurableApplicationContext start(int port, String timeout) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NewsApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--spring.main.banner-mode=off",
                        "--news.demo-data.enabled=false",
                        "--news.analytics.spool-directory=" + work.resolve("spool"),
                        "--news.database.startup-timeout=" + timeout,
                        "--news.database.startup-connection-timeout=2s");
        return context;
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
