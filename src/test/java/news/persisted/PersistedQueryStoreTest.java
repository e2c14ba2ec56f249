package news.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries kept in PostgreSQL behind the in-memory cache: a registration survives the loss of the
 * instance's memory (as after a restart) at the cost of one read by key, a hit in memory costs no statement, only
 * texts that parsed and validated are stored, unknown hashes cost a bounded number of lookups, the table is kept
 * within its bounds by least recent use, and an unreachable PostgreSQL never fails a request. Two instances on one
 * database: {@code PersistedQueriesAcrossInstancesIT}.
 */
@IntegrationTest
class PersistedQueryStoreTest extends HttpTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    PersistedDocuments documents;

    @Autowired
    PersistedQueryRepository repository;

    @Autowired
    StoredDocuments stored;

    @Autowired
    DataSource dataSource;

    @Autowired
    DSLContext dsl;

    static Map<String, Object> extensions(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    JsonNode post(Map<String, Object> body) {
        return JSON.readTree(http().post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    JsonNode getByHash(String hash) {
        String url = baseUrl() + "/graphql?extensions="
                + URLEncoder.encode(JSON.writeValueAsString(extensions(hash)), StandardCharsets.UTF_8);
        var result = http().get().uri(URI.create(url)).exchange().expectBody().returnResult();
        // 200 with data; PersistedQueryNotFound is a request that failed before execution (400 for
        // application/graphql-response+json); never a 5xx.
        assertThat(result.getStatus().value())
                .as("%s: %s", hash, new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
                .isIn(200, 400);
        return JSON.readTree(result.getResponseBody());
    }

    /** Lookups and inserts this test caused (not the background touch of "last used"). */
    long storedStatements() {
        return sql.statements().stream()
                .filter(s -> s.contains("persisted_query") && !s.contains("set last_used"))
                .count();
    }

    boolean isStored(String hash) {
        return dsl.fetchExists(dsl.selectOne().from("persisted_query").where("hash = ?", hash));
    }

    static String randomHash(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void aRegistration_isStored_andAnswersAfterTheLocalCacheIsLost_withOneRead_thenNoneFromMemory() throws Exception {
        String query = "query ApqStored" + System.nanoTime() + " { sections { slug } }";
        String hash = Sha256.hex(query);

        JsonNode registered = post(Map.of("query", query, "extensions", extensions(hash)));
        assertThat(registered.at("/data/sections").isArray()).isTrue();
        assertThat(isStored(hash)).as("stored in PostgreSQL").isTrue();

        // As after a restart: this instance's memory no longer has it. (A full lookup budget first: a test that asks
        // for unknown hashes may have spent it just before, and a lookup beyond it is skipped, answered as unknown.)
        documents.registered().invalidateAll();
        Thread.sleep(1_100);
        sql.reset();
        JsonNode fromStore = getByHash(hash);
        assertThat(fromStore.has("errors")).as(fromStore.toString()).isFalse();
        assertThat(fromStore.at("/data/sections")).isEqualTo(registered.at("/data/sections"));
        assertThat(storedStatements()).as("one read by key").isEqualTo(1);

        // Now in memory again: resolving it costs no statement (asked of the document provider itself, since an
        // HTTP GET would now be answered by the origin's response cache before any document is resolved).
        sql.reset();
        var input = ExecutionInput.newExecutionInput("")
                .extensions(extensions(hash))
                .build();
        PreparsedDocumentEntry entry = documents
                .getDocumentAsync(input, in -> new PreparsedDocumentEntry(new Parser().parseDocument(in.getQuery())))
                .join();
        assertThat(entry.hasErrors()).isFalse();
        assertThat(storedStatements()).as("a hit in memory").isZero();

        // Sending text and hash again (some clients always do) writes nothing.
        sql.reset();
        post(Map.of("query", query, "extensions", extensions(hash)));
        assertThat(storedStatements()).isZero();
    }

    @Test
    void textsThatFailToParseOrValidate_areNeitherRegisteredNorStored() {
        List<String> garbage = List.of(
                "query ApqInvalid" + System.nanoTime() + " { noSuchField }",
                "query ApqBroken" + System.nanoTime() + " { sections { ");
        for (String text : garbage) {
            String hash = Sha256.hex(text);
            JsonNode answer = post(Map.of("query", text, "extensions", extensions(hash)));
            assertThat(answer.has("errors")).as(text).isTrue();
            assertThat(isStored(hash)).as(text).isFalse();
            assertThat(documents.registered().getIfPresent(hash)).isNull();
        }
        // A hash that is not the text's stores nothing under either.
        String text = "query ApqMismatch" + System.nanoTime() + " { sections { slug } }";
        String other = Sha256.hex(text + " ");
        assertThat(post(Map.of("query", text, "extensions", extensions(other)))
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");
        assertThat(isStored(other)).isFalse();
        assertThat(isStored(Sha256.hex(text))).isFalse();
    }

    @Test
    void unknownHashes_costABoundedNumberOfLookups() throws Exception {
        SecureRandom random = new SecureRandom();
        Thread.sleep(1_100); // a full budget, whatever earlier tests spent
        sql.reset();

        // The same unknown hash asked for again and again: one lookup, then the negative cache answers.
        String repeated = randomHash(random);
        for (int i = 0; i < 30; i++) {
            assertThat(getByHash(repeated).at("/errors/0/extensions/code").asString())
                    .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        }
        assertThat(storedStatements()).isEqualTo(1);

        // Strings that cannot be a SHA-256: never looked up.
        sql.reset();
        for (String bad : List.of("abc", "A".repeat(64), "' or 1=1 --", "g".repeat(64))) {
            assertThat(getByHash(bad).at("/errors/0/extensions/code").asString())
                    .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        }
        assertThat(storedStatements()).isZero();

        // A flood of distinct random hashes: at most the per-second budget (20) plus what refills meanwhile.
        sql.reset();
        long started = System.nanoTime();
        int requests = 150;
        for (int i = 0; i < requests; i++) {
            assertThat(getByHash(randomHash(random))
                            .at("/errors/0/extensions/code")
                            .asString())
                    .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long lookups = storedStatements();
        long budget = (long) (20 + 20 * seconds) + 1;
        assertThat(lookups)
                .as("lookups for %d random hashes in %.1f s", requests, seconds)
                .isGreaterThan(0)
                .isLessThanOrEqualTo(budget);
        if (budget < requests) {
            // Sent faster than the budget refills (not on a machine so loaded that 150 requests take 6.5 s).
            assertThat(lookups).isLessThan(requests);
        }
    }

    @Test
    void lastUse_isWrittenInABatch_notOnEveryHit_andAtMostOncePerHour() throws Exception {
        String query = "query ApqTouched" + System.nanoTime() + " { sections { slug } }";
        String hash = Sha256.hex(query);
        repository.save(hash, query);
        dsl.execute("update persisted_query set last_used = now() - interval '5 hours' where hash = ?", hash);
        Thread.sleep(1_100); // a full lookup budget, whatever earlier tests spent

        // Found in PostgreSQL (this instance never saw it): answering writes nothing yet.
        sql.reset();
        assertThat(getByHash(hash).has("errors")).isFalse();
        assertThat(sql.statements())
                .filteredOn(s -> s.contains("set last_used"))
                .isEmpty();
        assertThat(hoursSinceUse(hash)).isGreaterThan(4.9);

        // The batch (every minute, or now) writes it.
        stored.flushTouches();
        assertThat(hoursSinceUse(hash)).isLessThan(0.1);

        // Used again within the hour, from memory: not noted again, so not written again.
        dsl.execute("update persisted_query set last_used = now() - interval '30 minutes' where hash = ?", hash);
        resolveFromMemory(hash);
        resolveFromMemory(hash);
        stored.flushTouches();
        assertThat(hoursSinceUse(hash)).isBetween(0.49, 0.6);
    }

    double hoursSinceUse(String hash) {
        return dsl.fetchOne(
                        "select extract(epoch from now() - last_used) / 3600 from persisted_query where hash = ?", hash)
                .get(0, Double.class);
    }

    void resolveFromMemory(String hash) {
        var input = ExecutionInput.newExecutionInput("")
                .extensions(extensions(hash))
                .build();
        assertThat(documents
                        .getDocumentAsync(
                                input, in -> new PreparsedDocumentEntry(new Parser().parseDocument(in.getQuery())))
                        .join()
                        .hasErrors())
                .isFalse();
    }

    @Test
    void eviction_keepsTheTableWithinItsBounds_leastRecentlyUsedFirst_andOnlyOneInstanceAtATime() throws Exception {
        dsl.execute("delete from persisted_query");
        String[] hashes = new String[6];
        for (int i = 0; i < hashes.length; i++) {
            String text = "query ApqEvict" + i + " { sections { slug } } #" + "x".repeat(100);
            hashes[i] = Sha256.hex(text);
            repository.save(hashes[i], text);
            // Row i was last used i hours after row 0... so row 0 is the least recently used.
            dsl.execute(
                    "update persisted_query set last_used = now() - make_interval(hours => ?) where hash = ?",
                    10 - i,
                    hashes[i]);
        }
        int rowBytes = 100 + ("query ApqEvict0 { sections { slug } } #").length();

        // Row 0 is used again: the touch moves it to the front; one just touched is not written again.
        assertThat(repository.touch(List.of(hashes[0]), 3600)).isEqualTo(1);
        assertThat(repository.touch(List.of(hashes[0]), 3600)).isZero();

        assertThat(repository.evict(4, Long.MAX_VALUE)).isEqualTo(2);
        assertThat(remaining()).containsExactlyInAnyOrder(hashes[0], hashes[3], hashes[4], hashes[5]);

        assertThat(repository.evict(100, 2L * rowBytes)).isEqualTo(2);
        assertThat(remaining()).containsExactlyInAnyOrder(hashes[0], hashes[5]);
        assertThat(repository.size()).containsExactly(2L, 2L * rowBytes);

        // Another instance evicting holds the lock: this one skips its round and deletes nothing.
        try (Connection other = dataSource.getConnection()) {
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, PersistedQueryRepository.EVICTION_LOCK);
                lock.executeQuery().close();
            }
            assertThat(repository.evict(0, 0)).isEqualTo(-1);
            assertThat(remaining()).hasSize(2);
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, PersistedQueryRepository.EVICTION_LOCK);
                try (ResultSet done = unlock.executeQuery()) {
                    assertThat(done.next() && done.getBoolean(1)).isTrue();
                }
            }
        }
        // The service's own job, with the default bounds, leaves them.
        assertThat(stored.evict()).isZero();
        assertThat(remaining()).hasSize(2);
    }

    List<String> remaining() {
        return dsl.fetch("select hash from persisted_query").getValues(0, String.class);
    }

    @Test
    void withPostgreSqlUnreachable_aLocalHitStillWorks_aMissIsNotFound_andRegistrationIsKeptInMemory() {
        // A store on a database nobody listens on: every statement fails to connect.
        DriverManagerDataSource nowhere =
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/news?connectTimeout=1", "news", "news");
        PersistedProperties settings = new PersistedProperties(
                1 << 20,
                1 << 20,
                50_000,
                false,
                "classpath:trusted-documents/",
                new PersistedProperties.Store(
                        true,
                        100,
                        1 << 20,
                        java.time.Duration.ofHours(1),
                        java.time.Duration.ofMinutes(1),
                        java.time.Duration.ofMinutes(10),
                        java.time.Duration.ofSeconds(10),
                        20));
        StoredDocuments down = new StoredDocuments(
                new PersistedQueryRepository(DSL.using(nowhere, SQLDialect.POSTGRES)),
                settings,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        PersistedDocuments local = new PersistedDocuments(settings, null, down);
        Parser parser = new Parser();
        String text = "{ sections { slug } }";
        String hash = Sha256.hex(text);

        PreparsedDocumentEntry registered = local.getDocumentAsync(
                        ExecutionInput.newExecutionInput(text)
                                .extensions(extensions(hash))
                                .build(),
                        in -> new PreparsedDocumentEntry(parser.parseDocument(in.getQuery())))
                .join();
        assertThat(registered.hasErrors()).isFalse();

        PreparsedDocumentEntry hit = local.getDocumentAsync(
                        ExecutionInput.newExecutionInput("")
                                .extensions(extensions(hash))
                                .build(),
                        in -> new PreparsedDocumentEntry(parser.parseDocument(in.getQuery())))
                .join();
        assertThat(hit.hasErrors()).isFalse();

        PreparsedDocumentEntry miss = local.getDocumentAsync(
                        ExecutionInput.newExecutionInput("")
                                .extensions(extensions(Sha256.hex("{ latest { edges { cursor } } }")))
                                .build(),
                        in -> new PreparsedDocumentEntry(parser.parseDocument(in.getQuery())))
                .join();
        assertThat(miss.getErrors())
                .singleElement()
                .satisfies(
                        error -> assertThat(error.getExtensions()).containsEntry("code", "PERSISTED_QUERY_NOT_FOUND"));
    }
}
