package news.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The public feeds read the partial indexes on visible articles even under a generic plan, which a prepared
 * statement gets after a few executions: the index predicate only matches a query whose status list is written as
 * constants, not as bind parameters.
 */
@IntegrationTest
class FeedIndexTest extends HttpTestBase {

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    DataSource dataSource;

    HttpGraphQlTester graphQl;

    @BeforeEach
    void setUp() {
        graphQl = graphQlClient();
    }

    @Test
    void latest_usesThePublicFeedIndexUnderAGenericPlan() throws SQLException {
        assertThat(genericPlanOf("{ latest(first: 5) { edges { node { slug } } } }"))
                .contains("article_public_feed_idx");
    }

    @Test
    void sectionList_usesTheSectionFeedIndexUnderAGenericPlan() throws SQLException {
        assertThat(genericPlanOf("{ latest(section: \"politik\", first: 5) { edges { node { slug } } } }"))
                .contains("article_section_feed_idx");
    }

    /** The generic plan of the page statement the document runs, as PostgreSQL would reuse it. */
    private String genericPlanOf(String document) throws SQLException {
        sql.reset();
        graphQl.document(document).execute().errors().verify();
        String page = sql.statements().stream()
                .filter(s -> s.contains("\"published_at\" desc"))
                .findFirst()
                .orElseThrow();
        String numbered = numberPlaceholders(page);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("set local plan_cache_mode = force_generic_plan");
                // a test database is small enough for a sequential scan to win on cost; what matters is whether the
                // partial index can be used at all.
                statement.execute("set local enable_seqscan = off");
                // Statistics as the data is now (rolled back with the rest): taken while the shared database was
                // nearly empty, they made both feed indexes look alike, and the planner once chose the public feed's
                // index with a filter on the section.
                statement.execute("analyze article");
                statement.execute("prepare feed_page as " + numbered);
                List<String> arguments = new ArrayList<>();
                try (ResultSet types = statement.executeQuery(
                        "select unnest(parameter_types)::text from pg_prepared_statements where name = 'feed_page'")) {
                    while (types.next()) {
                        arguments.add(sampleOf(types.getString(1)));
                    }
                }
                StringBuilder plan = new StringBuilder();
                String execute = "explain execute feed_page"
                        + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")");
                try (ResultSet rows = statement.executeQuery(execute)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                statement.execute("deallocate feed_page");
                return plan.toString();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static String numberPlaceholders(String sql) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }

    /** Any value of the parameter's type: a generic plan does not depend on it. */
    private static String sampleOf(String type) {
        return switch (type) {
            case "integer", "bigint", "smallint", "numeric" -> "6";
            case "timestamp with time zone" -> "now()";
            case "bigint[]" -> "'{1}'";
            default -> "'PUBLISHED'";
        };
    }
}
