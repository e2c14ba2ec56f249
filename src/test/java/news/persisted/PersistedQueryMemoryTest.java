package news.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The persisted-query store and the parsed-document cache hold client-chosen texts, so they are bounded in bytes: a
 * flood of huge registrations cannot exhaust the heap (before, 10,000 entries of 240,000 characters were allowed,
 * about 2.3 GB, and the service failed with OutOfMemoryError near 4,000), and a text longer than
 * {@code news.persisted.max-registered-length} is refused with {@code PERSISTED_QUERY_TOO_LARGE}, neither registered
 * nor run.
 */
@IntegrationTest
class PersistedQueryMemoryTest extends HttpTestBase {

    @Autowired
    SqlStatementCounter sql;

    @Test
    void registeringA240kCharacterDocument_isRefusedAsTooLarge_andNothingIsRegisteredOrRun() {
        String huge = "{ sections { slug } }\n# " + "x".repeat(240_000);
        String hash = Sha256.hex(huge);
        Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        sql.reset();
        graphQlClient()
                .document(huge)
                .extension("persistedQuery", extensions.get("persistedQuery"))
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getExtensions())
                            .containsEntry("code", "PERSISTED_QUERY_TOO_LARGE")
                            .containsEntry("maxLength", 50_000);
                })
                .path("sections")
                .pathDoesNotExist();
        assertThat(sql.statements()).as("nothing ran").isEmpty();
        // Not registered: the hash alone is unknown.
        news.TestHttp.client("http://localhost:" + port)
                .post()
                .uri("/graphql")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("extensions", extensions))
                .exchange()
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aFloodOfLargeRegistrations_staysWithinTheByteBoundOfBothCaches() {
        long bound = 2L * 1024 * 1024;
        PersistedDocuments documents = new PersistedDocuments(
                new PersistedProperties(bound, bound, 50_000, false, "classpath:trusted-documents/", null),
                null,
                DocumentStore.NONE);
        Parser parser = new Parser();
        for (int i = 0; i < 200; i++) {
            // 40,000 characters each, about 80 KB: 200 of them hold 16 MB unless the caches are bounded in bytes.
            String text = "{ sections { slug } }\n# " + i + " " + "x".repeat(40_000);
            ExecutionInput input = ExecutionInput.newExecutionInput(text)
                    .extensions(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", Sha256.hex(text))))
                    .build();
            PreparsedDocumentEntry entry = documents
                    .getDocumentAsync(input, in -> new PreparsedDocumentEntry(parser.parseDocument(in.getQuery())))
                    .join();
            assertThat(entry.hasErrors()).isFalse();
        }
        for (Cache<?, ?> cache : java.util.List.<Cache<?, ?>>of(documents.registered(), documents.parsed())) {
            cache.cleanUp();
            long weighed =
                    cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
            assertThat(weighed).isLessThanOrEqualTo(bound);
            assertThat(cache.estimatedSize()).isLessThan(200).isGreaterThan(0);
        }
        // A huge text weighs what it holds, not 1 of 10,000 entries.
        assertThat(PersistedDocuments.registeredWeight("h".repeat(64), "x".repeat(240_000)))
                .isGreaterThan(480_000);
    }
}
