package news.newsroom;

import static news.db.Tables.SECTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.Tokens;
import news.support.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Reporters and sections: administrators only; the section tree never gets a cycle. */
@IntegrationTest
class StaffMutationTest extends HttpTestBase {

    static final String SECTION_RESULT = """
            __typename
            ... on SectionPayload { section { id slug name url parent { slug } } }
            ... on ValidationFailed { errors { field code message } }
            """;

    @Autowired
    DSLContext dsl;

    @Test
    void editorCannotCreateASection_butAnAdminCan() {
        String slug = Fixtures.unique("ekonomi");
        int before = dsl.fetchCount(SECTION);
        GraphQlTester.Response refused = createSection(
                new EditorClient(port, Tokens.editor("ani")),
                Map.of("name", "Ekonomi", "slug", slug, "parent", "berita"));
        NewsroomAccessTest.expectError(refused, ErrorType.FORBIDDEN, "createSection");
        NewsroomAccessTest.expectError(
                createSection(EditorClient.anonymous(port), Map.of("name", "Ekonomi")),
                ErrorType.UNAUTHORIZED,
                "createSection");
        assertThat(dsl.fetchCount(SECTION)).isEqualTo(before);

        createSection(
                        new EditorClient(port, Tokens.admin("redaktur")),
                        Map.of("name", "Ekonomi", "slug", slug, "parent", "berita"))
                .path("createSection.__typename")
                .entity(String.class)
                .isEqualTo("SectionPayload")
                .path("createSection.section.url")
                .entity(String.class)
                .isEqualTo("/berita/" + slug);
        // Readers see the new section at once on this instance.
        EditorClient.anonymous(port)
                .graphQl
                .document("query($s: String!) { section(slug: $s) { name parent { slug } } }")
                .variable("s", slug)
                .execute()
                .path("section.parent.slug")
                .entity(String.class)
                .isEqualTo("berita");
    }

    @Test
    void sections_renameAndMove_butNeverUnderThemselves() {
        EditorClient admin = new EditorClient(port, Tokens.admin("redaktur"));
        String top = Fixtures.unique("wilayah");
        String child = Fixtures.unique("jawa");
        String topId = (String) createSection(admin, Map.of("name", "Wilayah", "slug", top))
                .path("createSection.section.id")
                .entity(String.class)
                .get();
        String childId = (String) createSection(admin, Map.of("name", "Jawa", "slug", child, "parent", top))
                .path("createSection.section.id")
                .entity(String.class)
                .get();

        Map<String, String> errors = fieldErrors(
                admin.graphQl
                        .document("mutation($input: MoveSectionInput!) { " + "moveSection(input: $input) { "
                                + SECTION_RESULT + " } }")
                        .variable("input", Map.of("id", topId, "parent", child))
                        .execute(),
                "moveSection");
        assertThat(errors).containsEntry("input.parent", "CYCLE");
        assertThat(fieldErrors(
                        admin.graphQl
                                .document("mutation($input: MoveSectionInput!) { " + "moveSection(input: $input) { "
                                        + SECTION_RESULT + " } }")
                                .variable("input", Map.of("id", topId, "parent", top))
                                .execute(),
                        "moveSection"))
                .containsEntry("input.parent", "CYCLE");

        admin.graphQl
                .document(
                        "mutation($input: MoveSectionInput!) { moveSection(input: $input) { " + SECTION_RESULT + " } }")
                .variable("input", Map.of("id", childId, "parent", "berita"))
                .execute()
                .path("moveSection.section.url")
                .entity(String.class)
                .isEqualTo("/berita/" + child);
        admin.graphQl
                .document("mutation($input: RenameSectionInput!) { renameSection(input: $input) { " + SECTION_RESULT
                        + " } }")
                .variable("input", Map.of("id", childId, "name", "Pulau Jawa"))
                .execute()
                .path("renameSection.section.name")
                .entity(String.class)
                .isEqualTo("Pulau Jawa");
        assertThat(fieldErrors(
                        admin.graphQl
                                .document("mutation($input: RenameSectionInput!) { " + "renameSection(input: $input) { "
                                        + SECTION_RESULT + " } }")
                                .variable("input", Map.of("id", childId, "name", "Jawa", "slug", "dunia"))
                                .execute(),
                        "renameSection"))
                .containsEntry("input.slug", "SLUG_TAKEN");
    }

    @Test
    void reporters_areManagedByAdmins_withGeneratedUniqueSlugs() {
        EditorClient admin = new EditorClient(port, Tokens.admin("redaktur"));
        String name = Fixtures.unique("Siti Rahayu");
        String document = "mutation($input: CreateReporterInput!) { createReporter(input: $input) { __typename "
                + "... on ReporterPayload { reporter { id slug name } } "
                + "... on ValidationFailed { errors { field code message } } } }";
        String first = admin.graphQl
                .document(document)
                .variable("input", Map.of("name", name))
                .execute()
                .path("createReporter.reporter.slug")
                .entity(String.class)
                .get();
        String second = admin.graphQl
                .document(document)
                .variable("input", Map.of("name", name))
                .execute()
                .path("createReporter.reporter.slug")
                .entity(String.class)
                .get();
        assertThat(second).isEqualTo(first + "-2");
        assertThat(fieldErrors(
                        admin.graphQl
                                .document(document)
                                .variable("input", Map.of("name", " "))
                                .execute(),
                        "createReporter"))
                .containsEntry("input.name", "REQUIRED");
        NewsroomAccessTest.expectError(
                new EditorClient(port, Tokens.editor("ani"))
                        .graphQl
                        .document(document)
                        .variable("input", Map.of("name", "Editor biasa"))
                        .execute(),
                ErrorType.FORBIDDEN,
                "createReporter");
    }

    private static GraphQlTester.Response createSection(EditorClient client, Map<String, Object> input) {
        return client.graphQl
                .document("mutation($input: CreateSectionInput!) { createSection(input: $input) { " + SECTION_RESULT
                        + " } }")
                .variable("input", input)
                .execute();
    }

    private static Map<String, String> fieldErrors(GraphQlTester.Response response, String mutation) {
        return ArticleWorkflowTest.fieldErrors(response, mutation);
    }
}
