package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import news.IntegrationTest;
import news.site.SiteProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Visitor keys come from secrets in PostgreSQL, so that any instance computes the same key: the salt of the day for
 * anonymous visitors (older days deleted) and a permanent key for client ids; while the salt cannot be read, an
 * instance uses its own until PostgreSQL answers again.
 */
@IntegrationTest
class VisitorKeysTest {

    private static final String AGENT = AnalyticsFixtures.BROWSER;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorKeys keys;

    @Autowired
    SiteProperties newsroom;

    private AnalyticsFixtures fixtures;

    private boolean saltsAway;

    @AfterEach
    void restore() {
        if (saltsAway) {
            fixtures.dsl().execute("alter table visitor_salt_offline rename to visitor_salt");
        }
        fixtures.clock().reset();
    }

    @Test
    void keysAreHmacsUnderTheSecretsInPostgresql_andOldSaltsAreDeleted() throws Exception {
        fixtures = new AnalyticsFixtures(context);
        // Days in the past, so that today's salt is not deleted for the tests that follow.
        Instant day = Instant.now().minus(Duration.ofDays(12));
        LocalDate local = LocalDate.ofInstant(day, newsroom.zone());
        fixtures.dsl()
                .execute(
                        "insert into visitor_salt (day, salt) values (cast(? as date), ?) on conflict do nothing",
                        local.minusDays(2).toString(),
                        new byte[32]);
        fixtures.clock().set(day);

        VisitorKeys.VisitorKey anonymous = keys.of(null, "10.9.9.9", AGENT);
        VisitorKeys.VisitorKey client = keys.of("pembaca-tetap", "10.9.9.9", AGENT);

        byte[] salt = (byte[]) fixtures.dsl()
                .fetchValue("select salt from visitor_salt where day = cast(? as date)", local.toString());
        byte[] idKey = (byte[]) fixtures.dsl().fetchValue("select secret from visitor_id_key where id = 1");
        assertThat(anonymous).isEqualTo(expected(2, salt, "10.9.9.9\n" + AGENT));
        assertThat(client).isEqualTo(expected(1, idKey, "pembaca-tetap"));
        assertThat(keys.shared()).isTrue();
        assertThat(fixtures.dsl()
                        .fetchValue(
                                "select count(*) from visitor_salt where day < cast(? as date)",
                                local.minusDays(1).toString()))
                .as("salts of days before yesterday are gone")
                .isEqualTo(0L);

        // The next day: a new salt, the same client-id key.
        fixtures.clock().set(day.plus(Duration.ofDays(1)));
        assertThat(keys.of(null, "10.9.9.9", AGENT)).isNotEqualTo(anonymous);
        assertThat(keys.of("pembaca-tetap", "10.9.9.9", AGENT)).isEqualTo(client);
    }

    @Test
    void withoutTheSharedSalt_anInstanceUsesItsOwnUntilPostgresqlAnswers() throws Exception {
        fixtures = new AnalyticsFixtures(context);
        Instant day = Instant.now().minus(Duration.ofDays(9));
        LocalDate local = LocalDate.ofInstant(day, newsroom.zone());
        // Known before: the client-id key (read on an earlier day).
        fixtures.clock().set(day.minus(Duration.ofDays(1)));
        VisitorKeys.VisitorKey client = keys.of("pembaca-tetap", "10.9.9.8", AGENT);

        fixtures.dsl().execute("alter table visitor_salt rename to visitor_salt_offline");
        saltsAway = true;
        fixtures.clock().set(day);
        VisitorKeys.VisitorKey own = keys.of(null, "10.9.9.8", AGENT);
        assertThat(keys.shared()).isFalse();
        assertThat(keys.of(null, "10.9.9.8", AGENT))
                .as("the same own salt all day")
                .isEqualTo(own);
        assertThat(keys.of("pembaca-tetap", "10.9.9.8", AGENT))
                .as("the client-id key once read is kept")
                .isEqualTo(client);

        fixtures.dsl().execute("alter table visitor_salt_offline rename to visitor_salt");
        saltsAway = false;
        // Asked again only after a pause, not on every view.
        fixtures.clock().set(day.plusMillis(VisitorKeys.RETRY_MILLIS - 1000));
        assertThat(keys.of(null, "10.9.9.8", AGENT)).isEqualTo(own);
        assertThat(keys.shared()).isFalse();
        fixtures.clock().set(day.plusMillis(VisitorKeys.RETRY_MILLIS + 1000));
        VisitorKeys.VisitorKey shared = keys.of(null, "10.9.9.8", AGENT);
        assertThat(keys.shared()).isTrue();
        byte[] salt = (byte[]) fixtures.dsl()
                .fetchValue("select salt from visitor_salt where day = cast(? as date)", local.toString());
        assertThat(shared).isNotEqualTo(own).isEqualTo(expected(2, salt, "10.9.9.8\n" + AGENT));
    }

    /** The key as any instance computes it from the stored secret. */
    private static VisitorKeys.VisitorKey expected(int kind, byte[] secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        ByteBuffer digest = ByteBuffer.wrap(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        return new VisitorKeys.VisitorKey(
                (digest.getLong() & 0x00FFFFFFFFFFFFFFL) | ((long) kind << 56), digest.getLong());
    }
}
