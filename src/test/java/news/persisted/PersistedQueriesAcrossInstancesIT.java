package news.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import news.DrillIntegrationTest;
import news.HttpTestBase;
import news.RawWebSocket;
import news.SecondInstance;
import news.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances on one PostgreSQL (the shared second instance of the drills, so no application is started for this
 * test alone): a persisted query registered on one is answered by hash alone on the other, without
 * {@code PersistedQueryNotFound}, also after the other lost its memory (as after a restart); and the other's own
 * store of registrations serves it from memory afterwards.
 */
@DrillIntegrationTest
class PersistedQueriesAcrossInstancesIT extends HttpTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    ConfigurableApplicationContext second;

    String there;

    @BeforeEach
    void secondInstance() {
        second = SecondInstance.beside(context);
        there = "http://localhost:" + Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    static String extensions(String hash) {
        return JSON.writeValueAsString(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
    }

    static JsonNode getByHash(String base, String hash, String variables) {
        var result = TestHttp.client(base)
                .get()
                .uri(URI.create(base + "/graphql?variables=" + URLEncoder.encode(variables, StandardCharsets.UTF_8)
                        + "&extensions=" + URLEncoder.encode(extensions(hash), StandardCharsets.UTF_8)))
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        return JSON.readTree(result.getResponseBody());
    }

    @Test
    void registeredOnOneInstance_answeredByHashOnTheOther_alsoAfterItLostItsMemory() {
        String query = "query ApqAcross" + System.nanoTime() + "($first: Int) { latest(first: $first) { edges { node"
                + " { id headline } } } }";
        String hash = Sha256.hex(query);

        JsonNode registered = JSON.readTree(http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "query",
                        query,
                        "variables",
                        Map.of("first", 2),
                        "extensions",
                        Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(registered.at("/data/latest/edges").size()).isEqualTo(2);

        // The other instance never saw the text: its first hash-only GET is answered, not PersistedQueryNotFound.
        JsonNode there1 = getByHash(there, hash, "{\"first\":2}");
        assertThat(there1.has("errors")).as(there1.toString()).isFalse();
        assertThat(there1.at("/data/latest")).isEqualTo(registered.at("/data/latest"));

        // It lost its memory (as after a restart): still answered, from PostgreSQL (another variables text, so
        // that the origin's response cache does not answer instead).
        second.getBean(PersistedDocuments.class).registered().invalidateAll();
        JsonNode there2 = getByHash(there, hash, "{\"first\":1}");
        assertThat(there2.has("errors")).as(there2.toString()).isFalse();
        assertThat(there2.at("/data/latest/edges").size()).isEqualTo(1);
        assertThat(second.getBean(PersistedDocuments.class).registered().getIfPresent(hash))
                .as("kept in its memory again")
                .isEqualTo(query);

        // And the registering instance, having lost its memory too.
        context.getBean(PersistedDocuments.class).registered().invalidateAll();
        JsonNode here = getByHash(baseUrl(), hash, "{\"first\":3}");
        assertThat(here.has("errors")).as(here.toString()).isFalse();
        assertThat(here.at("/data/latest/edges").size()).isEqualTo(3);
    }

    /**
     * Over the WebSocket, Spring refuses a {@code subscribe} without a {@code query} before the engine sees it, so a
     * hash goes with graphql-java's marker text {@code PersistedQueryMarker}; a text with its hash registers as over
     * HTTP.
     */
    @Test
    void overTheWebSocket_aRegistrationServesTheOtherInstance_andAHashRegisteredElsewhereRuns() {
        String viaSocket = "query ApqSocket" + System.nanoTime() + " { sections { slug } }";
        String viaHttp = "query ApqHttp" + System.nanoTime() + " { sections { name } }";
        JsonNode registered = JSON.readTree(http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "query",
                        viaHttp,
                        "extensions",
                        Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", Sha256.hex(viaHttp)))))
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseBody());
        assertThat(registered.at("/data/sections").isArray()).isTrue();

        RawWebSocket socket =
                RawWebSocket.connect(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")), true);
        try {
            socket.init(Map.of());
            subscribe(socket, "1", viaSocket, Sha256.hex(viaSocket));
            Map<String, Object> registeredThere = socket.next("1", Duration.ofSeconds(20));
            assertThat(registeredThere).isNotNull().containsEntry("type", "next");
            assertThat(JSON.valueToTree(registeredThere)
                            .at("/payload/data/sections")
                            .isArray())
                    .as(registeredThere.toString())
                    .isTrue();

            subscribe(socket, "2", "PersistedQueryMarker", Sha256.hex(viaHttp));
            Map<String, Object> byHash = socket.next("2", Duration.ofSeconds(20));
            assertThat(byHash).isNotNull().containsEntry("type", "next");
            assertThat(JSON.valueToTree(byHash).at("/payload/data/sections"))
                    .as(byHash.toString())
                    .isEqualTo(registered.at("/data/sections"));
        } finally {
            socket.abort();
        }
        // Registered over the other instance's WebSocket: answered by hash alone over GET here.
        JsonNode here = getByHash(baseUrl(), Sha256.hex(viaSocket), "{}");
        assertThat(here.has("errors")).as(here.toString()).isFalse();
        assertThat(here.at("/data/sections").isArray()).isTrue();
    }

    static void subscribe(RawWebSocket socket, String id, String query, String hash) {
        socket.send(Map.of(
                "type",
                "subscribe",
                "id",
                id,
                "payload",
                Map.of(
                        "query",
                        query,
                        "extensions",
                        Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))));
    }

    @Test
    void aHashNeitherInstanceKnows_isStillNotFound_onBoth() {
        String hash = Sha256.hex("query ApqNowhere" + System.nanoTime() + " { sections { slug } }");
        for (String base : new String[] {there, baseUrl()}) {
            assertThat(getByHash(base, hash, "{}")
                            .at("/errors/0/extensions/code")
                            .asString())
                    .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        }
    }
}
