package news.analytics.ingest;

import java.time.LocalDate;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The visitor-key secrets in PostgreSQL, shared by all instances: the salt of each day and the client-id key. */
@Repository
class VisitorSaltRepository {

    /** Creates the day's salt and the client-id key unless another instance did, and forgets days before yesterday. */
    private static final String CREATE = """
            with s as (
                insert into visitor_salt (day, salt) values (cast(? as date), ?) on conflict (day) do nothing
            ), k as (
                insert into visitor_id_key (id, secret) values (1, ?) on conflict (id) do nothing
            ), d as (
                delete from visitor_salt where day < cast(? as date)
            )
            select 1
            """;

    private static final String READ = """
            select (select salt from visitor_salt where day = cast(? as date)) as salt,
                   (select secret from visitor_id_key where id = 1) as secret
            """;

    private final DSLContext dsl;

    VisitorSaltRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The secrets for a day, as whichever instance first asked made them; two statements. */
    Secrets of(LocalDate day, byte[] proposedSalt, byte[] proposedKey) {
        dsl.fetch(
                CREATE,
                day.toString(),
                proposedSalt,
                proposedKey,
                day.minusDays(1).toString());
        // A new statement, so that it sees the salt another instance committed while this one's insert waited.
        org.jooq.Record r = dsl.fetchOne(READ, day.toString());
        byte[] salt = r.get("salt", byte[].class);
        byte[] key = r.get("secret", byte[].class);
        if (salt == null || key == null) {
            throw new IllegalStateException("visitor salt of " + day + " missing after it was created");
        }
        return new Secrets(salt, key);
    }

    record Secrets(byte[] salt, byte[] idKey) {}
}
