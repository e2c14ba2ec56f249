package news.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import news.Tokens;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every argument and input field of the checked-in {@code schema.graphqls}, found by walking the schema (so a field
 * added later is covered without editing this test), is sent hostile values over HTTP: text PostgreSQL cannot store,
 * over-long text, numbers and times out of range. Each must be refused as BAD_REQUEST naming the argument (or a
 * {@code ValidationFailed} naming the field), never INTERNAL_ERROR, before any SQL runs, and nothing is written.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class HostileInputTest extends HttpTestBase {

    /** Tables editors write; none of them may change while hostile input is refused. */
    private static final List<String> CONTENT_TABLES = List.of(
            "section",
            "reporter",
            "tag",
            "article",
            "article_reporter",
            "article_tag",
            "article_slug_history",
            "article_correction",
            "newsroom_audit");

    private static final Map<String, List<Object>> HOSTILE = Map.of(
            "String", texts(),
            "ID", texts(),
            "DateTime",
                    List.of(
                            "+294277-01-01T00:00:00Z",
                            "-4714-11-23T00:00:00Z",
                            "+10000-01-01T00:00:00Z",
                            "0000-12-31T23:59:59Z",
                            "2023-09-22T07:40:00+16:00",
                            "2023-09-22T07:40:00-17:59",
                            "2023-09-22T07:40:00\u0000+07:00",
                            "\ud800"),
            "Int", List.of(2147483648L, -2147483649L, 99999999999L));

    private static final Map<String, Object> VALID = Map.of(
            "String",
            "contoh",
            "ID",
            GlobalId.encode("Article", 1),
            "DateTime",
            "2030-01-01T00:00:00+07:00",
            "Int",
            1,
            "Boolean",
            false,
            "Float",
            1.0);

    /** Writes every character beyond ASCII as an escape, so that lone surrogates travel as JSON {@code \ud800}. */
    private static final JsonMapper REQUEST_JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SqlStatementCounter sql;

    @Autowired
    DSLContext dsl;

    TypeDefinitionRegistry schema;

    Map<String, String> slugs;

    final HttpClient http = HttpClient.newHttpClient();

    final String token = Tokens.token("uji-masukan", List.of("EDITOR", "ADMIN"), Duration.ofMinutes(10), Tokens.SECRET);

    @BeforeEach
    void setUp() throws Exception {
        schema = new SchemaParser().parse(Path.of("schema.graphqls").toFile());
        // Real slugs, so that the parents of nested lists (a section's, a reporter's articles) resolve.
        List<Map<String, Object>> nodes = ((List<Map<String, Object>>) path(post("""
                { articles(first: 100) { edges { node { slug section { slug } reporters { slug } tags { slug } } } } }
                """, Map.of()), "data.articles.edges"))
                .stream().map(e -> (Map<String, Object>) e.get("node")).toList();
        Map<String, Object> first = nodes.stream()
                .filter(n -> !((List<?>) n.get("reporters")).isEmpty() && !((List<?>) n.get("tags")).isEmpty())
                .findFirst()
                .orElseThrow();
        slugs = Map.of(
                "article",
                (String) first.get("slug"),
                "section",
                (String) path(first, "section.slug"),
                "reporter",
                (String) path(first, "reporters[0].slug"),
                "tag",
                (String) path(first, "tags[0].slug"));
    }

    private static List<Object> texts() {
        return List.of("kata\u0000kunci", "\u0000", "\ud800", "awal\ud800", "\udc00akhir", "a".repeat(100_001));
    }

    @Test
    void everyArgumentAndInputField_refusesHostileValuesBeforeAnySqlAndWritesNothing() throws Exception {
        Map<String, Integer> rowsBefore = rowCounts();
        List<Position> positions = positions();
        assertThat(positions)
                .extracting(Position::path)
                .contains(
                        "after",
                        "first",
                        "filter.publishedAfter",
                        "input.body[0].text",
                        "input.image.url",
                        "input.publishAt",
                        "input.version",
                        "input[0].visitorId",
                        "input.referrer",
                        "scope.article",
                        "from",
                        "slug",
                        "id",
                        "query",
                        "publishedBefore");
        int sent = 0;
        for (Position position : positions) {
            for (Object hostile : HOSTILE.get(position.scalar())) {
                Map<String, Object> variables = new LinkedHashMap<>();
                for (InputValueDefinition argument : position.field().getInputValueDefinitions()) {
                    if (argument.getName().equals(position.steps().get(0))) {
                        variables.put(
                                argument.getName(),
                                value(
                                        argument.getType(),
                                        position.steps()
                                                .subList(1, position.steps().size()),
                                        hostile));
                    } else if (argument.getType() instanceof NonNullType) {
                        variables.put(argument.getName(), value(argument.getType(), null, null));
                    }
                }
                sql.reset();
                Map<String, Object> response = post(document(position, variables.keySet()), variables);
                String describe = position.path() + " of " + position.owner() + "."
                        + position.field().getName() + " = " + printable(hostile);
                expectRefusal(response, position, describe);
                assertThat(requestSql()).as("SQL run for %s", describe).isEmpty();
                sent++;
            }
        }
        assertThat(sent).isGreaterThan(300);
        assertThat(rowCounts()).isEqualTo(rowsBefore);
    }

    @Test
    void craftedCursorsForEveryAfterArgument_areBadRequestsNamingIt() throws Exception {
        List<String> cursors = new ArrayList<>();
        for (String raw : List.of(
                "a1:9223372036854775807:1",
                "a1:-9223372036854775808:1",
                "a1:9214646400000000000:1",
                "a1:-62135596800000001:1",
                "a1:253402300800000000:1",
                "a1:0:-5",
                "a1:0:0",
                "a1:0:9223372036854775808",
                "a1:99999999999999999999:1",
                "a1:1e3:1",
                "a1:\u0000:1",
                "d1:-1",
                "d1:0",
                "d1:9223372036854775808",
                "d1:")) {
            cursors.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
        List<Position> afters =
                positions().stream().filter(p -> p.path().equals("after")).toList();
        assertThat(afters)
                .extracting(p -> p.owner() + "." + p.field().getName())
                .contains(
                        "Query.latest",
                        "Query.articles",
                        "Query.drafts",
                        "Query.search",
                        "Section.articles",
                        "Reporter.articles",
                        "Tag.articles");
        for (Position after : afters) {
            for (String cursor : cursors) {
                // Required arguments (a search's query) get valid values, so only the cursor is wrong.
                Map<String, Object> variables = new LinkedHashMap<>();
                for (InputValueDefinition argument : after.field().getInputValueDefinitions()) {
                    if (argument.getType() instanceof NonNullType) {
                        variables.put(argument.getName(), value(argument.getType(), null, null));
                    }
                }
                variables.put("after", cursor);
                sql.reset();
                Map<String, Object> response = post(document(after, variables.keySet()), variables);
                String describe =
                        "after of " + after.owner() + "." + after.field().getName() + " = "
                                + new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                expectRefusal(response, after, describe);
                if (after.owner().equals("Query")) {
                    // The cursor is checked before the list is read.
                    assertThat(requestSql()).as("SQL run for %s", describe).isEmpty();
                }
            }
        }
    }

    /**
     * Every list among the arguments and input fields, sent with far more items than any client needs: refused as a
     * whole (413 when the body is over the cap, else BAD_REQUEST or ValidationFailed naming the list), quickly, and
     * nothing is written.
     */
    @Test
    void everyListArgumentAndInputField_refusesOversizedListsQuicklyAndWritesNothing() throws Exception {
        Map<String, Integer> rowsBefore = rowCounts();
        List<ListPosition> lists = listPositions();
        assertThat(lists)
                .extracting(l -> l.position().path())
                .contains("input", "input.body", "input.reporters", "input.tags");
        for (ListPosition list : lists) {
            Position position = list.position();
            for (int items : List.of(5_000, 200_000)) {
                Object element = value(list.element(), null, null);
                List<Object> oversized = java.util.Collections.nCopies(items, element);
                Map<String, Object> variables = new LinkedHashMap<>();
                for (InputValueDefinition argument : position.field().getInputValueDefinitions()) {
                    if (argument.getName().equals(position.steps().get(0))) {
                        variables.put(
                                argument.getName(),
                                value(
                                        argument.getType(),
                                        position.steps()
                                                .subList(1, position.steps().size()),
                                        oversized));
                    } else if (argument.getType() instanceof NonNullType) {
                        variables.put(argument.getName(), value(argument.getType(), null, null));
                    }
                }
                String describe = position.path() + " of " + position.owner() + "."
                        + position.field().getName() + " with " + items + " items";
                long started = System.nanoTime();
                HttpResponse<String> response = send(document(position, variables.keySet()), variables);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(millis).as("answer time of %s", describe).isLessThan(5_000);
                if (response.statusCode() == 413) {
                    assertThat(response.body()).as(describe).startsWith("{").contains("maxBytes");
                    continue;
                }
                assertThat(response.statusCode()).as(describe).isEqualTo(200);
                Map<String, Object> body = JSON.readValue(response.body(), Map.class);
                expectListRefusal(body, position, describe);
            }
        }
        assertThat(rowCounts()).isEqualTo(rowsBefore);
    }

    private void expectListRefusal(Map<String, Object> response, Position position, String describe) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.getOrDefault("errors", List.of());
        for (Map<String, Object> error : errors) {
            Map<String, Object> extensions = (Map<String, Object>) error.getOrDefault("extensions", Map.of());
            assertThat(extensions.get("classification")).as(describe).isNotEqualTo("INTERNAL_ERROR");
        }
        Object payload = position.owner().equals("Mutation")
                ? path(response, "data." + position.field().getName())
                : null;
        if (payload instanceof Map<?, ?> result && "ValidationFailed".equals(result.get("__typename"))) {
            assertThat((List<Map<String, Object>>) result.get("errors"))
                    .as(describe)
                    .anySatisfy(e -> assertThat((String) e.get("field")).startsWith(position.path()));
            return;
        }
        assertThat(errors).as(describe).anySatisfy(error -> {
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertThat(extensions).containsEntry("classification", "BAD_REQUEST");
            assertThat((String) extensions.get("argument"))
                    .startsWith(position.steps().get(0));
        });
    }

    /** Every list in the arguments of every field reachable from the roots, with the type of its items. */
    private List<ListPosition> listPositions() {
        List<ListPosition> lists = new ArrayList<>();
        for (Map.Entry<String, List<String>> route : routes().entrySet()) {
            for (FieldDefinition field : fields(route.getKey())) {
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    collectLists(
                            argument.getType(),
                            new ArrayList<>(List.of(argument.getName())),
                            (steps, item) -> lists.add(new ListPosition(
                                    new Position(route.getKey(), route.getValue(), field, List.copyOf(steps), "List"),
                                    item)));
                }
            }
        }
        return lists;
    }

    private void collectLists(
            Type<?> type, List<String> steps, java.util.function.BiConsumer<List<String>, Type<?>> found) {
        if (type instanceof NonNullType nonNull) {
            collectLists(nonNull.getType(), steps, found);
        } else if (type instanceof ListType list) {
            found.accept(steps, list.getType());
            steps.add("[0]");
            collectLists(list.getType(), steps, found);
            steps.remove(steps.size() - 1);
        } else {
            schema.getType(((TypeName) type).getName(), InputObjectTypeDefinition.class)
                    .ifPresent(input -> {
                        for (InputValueDefinition field : input.getInputValueDefinitions()) {
                            steps.add(field.getName());
                            collectLists(field.getType(), steps, found);
                            steps.remove(steps.size() - 1);
                        }
                    });
        }
    }

    private record ListPosition(Position position, Type<?> element) {}

    /** Statements since the last reset, without those of the view counters' own schedule (flushes, window turns). */
    private List<String> requestSql() {
        return sql.statements().stream()
                .filter(s -> !s.contains("article_views") && !s.contains("pg_advisory"))
                .toList();
    }

    private void expectRefusal(Map<String, Object> response, Position position, String describe) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.getOrDefault("errors", List.of());
        for (Map<String, Object> error : errors) {
            Map<String, Object> extensions = (Map<String, Object>) error.getOrDefault("extensions", Map.of());
            assertThat(extensions.get("classification")).as(describe).isNotEqualTo("INTERNAL_ERROR");
            assertThat((String) error.get("message"))
                    .as(describe)
                    .doesNotContain("Exception", "\tat ", "Value{", "Validation error (", "select ");
        }
        Object payload = position.owner().equals("Mutation")
                ? path(response, "data." + position.field().getName())
                : null;
        if (payload instanceof Map<?, ?> result && "ValidationFailed".equals(result.get("__typename"))) {
            assertThat((List<Map<String, Object>>) result.get("errors"))
                    .as(describe)
                    .anySatisfy(e -> assertThat(e.get("field")).isEqualTo(position.path()));
            return;
        }
        assertThat(errors).as(describe).anySatisfy(error -> {
            Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
            assertThat(extensions)
                    .containsEntry("classification", "BAD_REQUEST")
                    .containsEntry("argument", position.path());
            assertThat((String) error.get("message")).contains("'" + position.path() + "'");
        });
    }

    /** Every String, ID, DateTime and Int position in the arguments of every field reachable from the roots. */
    private List<Position> positions() {
        List<Position> positions = new ArrayList<>();
        Map<String, List<String>> routes = routes();
        for (Map.Entry<String, List<String>> route : routes.entrySet()) {
            for (FieldDefinition field : fields(route.getKey())) {
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    collect(
                            argument.getType(),
                            new ArrayList<>(List.of(argument.getName())),
                            steps -> positions.add(new Position(
                                    route.getKey(),
                                    route.getValue(),
                                    field,
                                    List.copyOf(steps.steps()),
                                    steps.scalar())));
                }
            }
        }
        return positions;
    }

    private void collect(Type<?> type, List<String> steps, java.util.function.Consumer<Found> found) {
        if (type instanceof NonNullType nonNull) {
            collect(nonNull.getType(), steps, found);
        } else if (type instanceof ListType list) {
            steps.add("[0]");
            collect(list.getType(), steps, found);
            steps.remove(steps.size() - 1);
        } else {
            String name = ((TypeName) type).getName();
            if (HOSTILE.containsKey(name)) {
                found.accept(new Found(steps, name));
            }
            InputObjectTypeDefinition input =
                    schema.getType(name, InputObjectTypeDefinition.class).orElse(null);
            if (input != null) {
                for (InputValueDefinition field : input.getInputValueDefinitions()) {
                    steps.add(field.getName());
                    collect(field.getType(), steps, found);
                    steps.remove(steps.size() - 1);
                }
            }
        }
    }

    private record Found(List<String> steps, String scalar) {}

    /**
     * A value of {@code type}: valid throughout (required input fields filled), except at {@code steps}, which holds
     * {@code hostile}. Null steps: valid everywhere.
     */
    private Object value(Type<?> type, List<String> steps, Object hostile) {
        if (steps != null && steps.isEmpty()) {
            return hostile;
        }
        if (type instanceof NonNullType nonNull) {
            return value(nonNull.getType(), steps, hostile);
        }
        if (type instanceof ListType list) {
            return List.of(value(list.getType(), steps == null ? null : steps.subList(1, steps.size()), hostile));
        }
        String name = ((TypeName) type).getName();
        InputObjectTypeDefinition input =
                schema.getType(name, InputObjectTypeDefinition.class).orElse(null);
        if (input != null) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                if (steps != null && steps.get(0).equals(field.getName())) {
                    object.put(field.getName(), value(field.getType(), steps.subList(1, steps.size()), hostile));
                } else if (field.getType() instanceof NonNullType) {
                    object.put(field.getName(), value(field.getType(), null, null));
                }
            }
            return object;
        }
        EnumTypeDefinition enumeration =
                schema.getType(name, EnumTypeDefinition.class).orElse(null);
        if (enumeration != null) {
            return enumeration.getEnumValueDefinitions().get(0).getName();
        }
        return Objects.requireNonNull(VALID.get(name), name);
    }

    /** How each object type is reached from a root: the fields leading to it, shortest first. */
    private Map<String, List<String>> routes() {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        routes.put("Query", List.of());
        routes.put("Mutation", List.of());
        Deque<String> queue = new ArrayDeque<>(List.of("Query"));
        while (!queue.isEmpty()) {
            String owner = queue.removeFirst();
            for (FieldDefinition field : fields(owner)) {
                String target = named(field.getType());
                if (schema.getType(target, ObjectTypeDefinition.class).isPresent() && !routes.containsKey(target)) {
                    List<String> route = new ArrayList<>(routes.get(owner));
                    route.add(field.getName());
                    routes.put(target, route);
                    queue.addLast(target);
                }
            }
        }
        return routes;
    }

    private List<FieldDefinition> fields(String type) {
        List<FieldDefinition> fields = new ArrayList<>();
        schema.getType(type, ObjectTypeDefinition.class).ifPresent(t -> fields.addAll(t.getFieldDefinitions()));
        schema.objectTypeExtensions()
                .getOrDefault(type, List.of())
                .forEach(e -> fields.addAll(e.getFieldDefinitions()));
        return fields;
    }

    private static String named(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return named(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return named(list.getType());
        }
        return ((TypeName) type).getName();
    }

    /** One position: an argument path of a field of {@code owner}, reached from the root through {@code route}. */
    private record Position(
            String owner, List<String> route, FieldDefinition field, List<String> steps, String scalar) {

        String path() {
            StringBuilder path = new StringBuilder(steps.get(0));
            for (String step : steps.subList(1, steps.size())) {
                path.append(step.startsWith("[") ? step : "." + step);
            }
            return path.toString();
        }
    }

    /** The document calling the position's field with the given arguments as variables, under its route. */
    private String document(Position position, java.util.Collection<String> arguments) {
        StringBuilder declarations = new StringBuilder();
        StringBuilder passed = new StringBuilder();
        for (InputValueDefinition argument : position.field().getInputValueDefinitions()) {
            if (arguments.contains(argument.getName())) {
                declarations
                        .append(declarations.isEmpty() ? "" : ", ")
                        .append('$')
                        .append(argument.getName())
                        .append(": ")
                        .append(AstPrinter.printAst(argument.getType()));
                passed.append(passed.isEmpty() ? "" : ", ")
                        .append(argument.getName())
                        .append(": $")
                        .append(argument.getName());
            }
        }
        String call = position.field().getName()
                + (passed.isEmpty() ? "" : "(" + passed + ")")
                + selection(named(position.field().getType()));
        for (int i = position.route().size() - 1; i >= 0; i--) {
            String step = position.route().get(i);
            call = step + routeArguments(step) + " { " + call + " }";
        }
        String operation = position.owner().equals("Mutation") ? "mutation" : "query";
        return operation + (declarations.isEmpty() ? "" : "(" + declarations + ")") + " { " + call + " }";
    }

    /** Arguments of a field on the way to the one tested: the slug of a real object, so the parent resolves. */
    private String routeArguments(String field) {
        String slug = slugs.get(field);
        return slug == null ? "" : "(slug: \"" + slug + "\")";
    }

    private String selection(String type) {
        if (schema.getType(type, UnionTypeDefinition.class).isPresent()) {
            return " { __typename ... on ValidationFailed { errors { field code } } }";
        }
        return schema.getType(type, ObjectTypeDefinition.class).isPresent()
                        || schema.getType(type, InterfaceTypeDefinition.class).isPresent()
                ? " { __typename }"
                : "";
    }

    private Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String table : CONTENT_TABLES) {
            counts.put(table, dsl.fetchCount(DSL.table(DSL.name(table))));
        }
        return counts;
    }

    private Map<String, Object> post(String document, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = send(document, variables);
        assertThat(response.statusCode()).as(document).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    private HttpResponse<String> send(String document, Map<String, Object> variables) throws Exception {
        String body = REQUEST_JSON.writeValueAsString(Map.of("query", document, "variables", variables));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A value inside nested maps and lists, by a path such as {@code data.latest.edges[0].node}. */
    private static Object path(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
            current = current instanceof Map<?, ?> map ? map.get(name) : null;
            if (part.contains("[") && current instanceof List<?> list) {
                current = list.get(Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']'))));
            }
        }
        return current;
    }

    private static String printable(Object value) {
        String text = String.valueOf(value);
        text = text.length() > 40 ? text.substring(0, 40) + "... (" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        text.chars()
                .forEach(c -> out.append(
                        c < 32 || Character.isSurrogate((char) c)
                                ? String.format("\\u%04x", c)
                                : String.valueOf((char) c)));
        return out.toString();
    }
}
