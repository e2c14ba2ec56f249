package news.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import news.HttpTestBase;
import news.IntegrationTest;
import news.SqlStatementCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every malformed GraphQL request over HTTP, POST bodies and their GET equivalents, is a 4xx with a classified JSON
 * error ({@code extensions.code}), runs no SQL and writes no stack trace or error to the log; an {@code Accept}
 * header that excludes JSON (with {@code q=0}) is a 406.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTest extends HttpTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String QUERY = "{ sections { slug } }";

    /** Bodies no GraphQL request can be read from; each must be a 400. */
    private static final List<String> MALFORMED_BODIES = List.of(
            "null",
            "[]",
            "[{\"query\": \"{ sections { slug } }\"}]",
            "\"string\"",
            "42",
            "true",
            "{}",
            "{\"query\": null}",
            "{\"query\": 5}",
            "{\"query\": [\"{ sections { slug } }\"]}",
            "{\"query\": {}}",
            "{\"query\": \"{ sections { slug } }\", \"variables\": \"x\"}",
            "{\"query\": \"{ sections { slug } }\", \"variables\": []}",
            "{\"query\": \"{ sections { slug } }\", \"variables\": 1}",
            "{\"query\": \"{ sections { slug } }\", \"extensions\": 1}",
            "{\"query\": \"{ sections { slug } }\", \"extensions\": \"x\"}",
            "{\"query\": \"{ sections { slug } }\", \"operationName\": {}}",
            "{\"query\": \"{ sections { slug } }\", \"operationName\": 7}",
            "{\"query\":",
            "{\"query\": \"{ sections { slug } }\"",
            "{'query': '{ sections { slug } }'}",
            "",
            "   ",
            "\u0000");

    @Autowired
    SqlStatementCounter sql;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postOfNullAndEveryOtherMalformedBody_isA400WithAClassifiedErrorAndNoStackTrace(CapturedOutput output)
            throws Exception {
        int logFrom = output.getOut().length();
        sql.reset();
        for (String body : MALFORMED_BODIES) {
            HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8), "application/json", null);
            expectRefused(response, 400, "BAD_REQUEST", body);
        }
        // Bytes that are not text in the declared charset.
        byte[] notUtf8 = "{\"query\": \"{ sections { slug } }\", \"operationName\": \"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        expectRefused(post(notUtf8, "application/json", null), 400, "BAD_REQUEST", "invalid UTF-8");
        expectRefused(
                post(notUtf8, "application/json; charset=utf-8", null), 400, "BAD_REQUEST", "invalid UTF-8, declared");
        // A content type that is not JSON, or a charset nobody knows.
        for (String type : List.of("text/plain", "application/json; charset=no-such-charset", "application/graphql")) {
            HttpResponse<String> refused = post(body(QUERY), type, null);
            expectRefused(refused, 415, "UNSUPPORTED_MEDIA_TYPE", type);
            assertThat(refused.headers().firstValue("Accept")).contains("application/json");
        }
        assertThat(sql.statements()).as("nothing ran").isEmpty();
        expectQuietLog(output, logFrom);

        // The well-formed request still works, also in another declared charset.
        HttpResponse<String> fine = post(body(QUERY), "application/json", null);
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fine.body()).path("data").path("sections").isArray())
                .isTrue();
        HttpResponse<String> latin1 = post(body(QUERY), "application/json; charset=ISO-8859-1", null);
        assertThat(latin1.statusCode()).isEqualTo(200);
    }

    @Test
    void getWithMalformedParameters_isA400WithAClassifiedErrorAndNoStackTrace(CapturedOutput output) throws Exception {
        int logFrom = output.getOut().length();
        sql.reset();
        String query = "query=" + encode(QUERY);
        for (String parameters : List.of(
                "",
                "operationName=x",
                query + "&variables=x",
                query + "&variables=" + encode("[]"),
                query + "&variables=" + encode("\"x\""),
                query + "&variables=1",
                query + "&variables=" + encode("{\"a\":"),
                query + "&extensions=1",
                query + "&extensions=" + encode("[]"),
                query + "&" + query,
                query + "&operationName=a&operationName=b")) {
            HttpResponse<String> response = get(parameters, null);
            expectRefused(response, 400, "BAD_REQUEST", parameters);
        }
        expectRefused(get(query, "garbage//"), 406, "NOT_ACCEPTABLE", "unparseable Accept");
        assertThat(sql.statements()).as("nothing ran").isEmpty();
        expectQuietLog(output, logFrom);
    }

    @Test
    void acceptWithQZeroForJson_isNotAcceptable_onPostAndGet() throws Exception {
        for (String accept : List.of(
                "application/json;q=0, text/html",
                "text/html",
                "application/json;q=0, application/graphql-response+json;q=0",
                "*/*;q=0",
                "application/json;q=0, */*;q=0",
                "application/*;q=0, text/*")) {
            expectRefused(post(body(QUERY), "application/json", accept), 406, "NOT_ACCEPTABLE", "POST " + accept);
            expectRefused(get("query=" + encode(QUERY), accept), 406, "NOT_ACCEPTABLE", "GET " + accept);
        }
        // Acceptable lists still get the best type they allow.
        Map<String, String> chosen = Map.of(
                "text/html, application/json;q=0.5", "application/json",
                "application/json;q=0, */*", "application/graphql-response+json",
                "application/graphql-response+json;q=0, application/*", "application/json",
                "application/json, application/graphql-response+json;q=0.9", "application/json");
        for (Map.Entry<String, String> entry : chosen.entrySet()) {
            HttpResponse<String> postAnswer = post(body(QUERY), "application/json", entry.getKey());
            assertThat(postAnswer.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(postAnswer.headers().firstValue("Content-Type").orElseThrow())
                    .as(entry.getKey())
                    .startsWith(entry.getValue());
            HttpResponse<String> getAnswer = get("query=" + encode(QUERY), entry.getKey());
            assertThat(getAnswer.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(getAnswer.headers().firstValue("Content-Type").orElseThrow())
                    .as(entry.getKey())
                    .startsWith(entry.getValue());
        }
    }

    private void expectRefused(HttpResponse<String> response, int status, String code, String what) {
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as(what)
                .contains("json");
        JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
        assertThat(error.path("extensions").path("code").asString()).as(what).isEqualTo(code);
        assertThat(error.path("message").asString()).as(what).isNotBlank();
        assertThat(response.body()).as(what).doesNotContain("Exception", "at org.", "at news.", "jackson", "SELECT");
    }

    /** No ERROR or WARN line, no stack trace since {@code from}. */
    private static void expectQuietLog(CapturedOutput output, int from) {
        String written = output.getOut().substring(from) + output.getErr();
        assertThat(written).doesNotContain(" ERROR ", " WARN ", "\tat ", "Exception");
    }

    private static byte[] body(String query) {
        return JSON.writeValueAsBytes(Map.of("query", query));
    }

    private HttpResponse<String> post(byte[] body, String contentType, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String parameters, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql?" + parameters))
                .GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
