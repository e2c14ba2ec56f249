package news.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /graphql}: reads the body itself, so that every malformed request is a 400 with a classified error
 * ({@code extensions.code} {@code BAD_REQUEST}) and nothing runs: a body that is empty, truncated, not JSON, not text
 * in its declared charset, {@code null}, an array (no batching), a string or a number, or an object whose
 * {@code query} or {@code operationName} is not a string or whose {@code variables} or {@code extensions} is not an
 * object. A content type other than JSON, or a charset Java does not know, is 415 ({@code UNSUPPORTED_MEDIA_TYPE});
 * an {@code Accept} header that allows no JSON type (quality values honoured) is 406 ({@code NOT_ACCEPTABLE}). Such
 * refusals write at most one DEBUG line to the log, never a stack trace. A well-formed request is executed by the same
 * {@link WebGraphQlHandler} (every interceptor) and answered as Spring's handler does: 400 when no data could be
 * produced and the client accepts {@code application/graphql-response+json}, otherwise 200. The answer is made from
 * the servlet request alone ({@link #answer}), so Spring MVC ({@link #handle}) and the filter that answers anonymous
 * requests before it ({@link AnonymousGraphQlFilter}) send the same bytes.
 */
final class GraphQlPostHandler {

    private static final Logger log = LoggerFactory.getLogger(GraphQlPostHandler.class);

    private final WebGraphQlHandler graphQl;

    private final JsonMapper json;

    private final AnswerJson answers;

    private final GraphQlHttp.RequestUris uris = new GraphQlHttp.RequestUris();

    GraphQlPostHandler(WebGraphQlHandler graphQl, JsonMapper json) {
        this.graphQl = graphQl;
        this.json = json;
        this.answers = new AnswerJson(json);
    }

    ServerResponse handle(ServerRequest request) throws IOException {
        CompletableFuture<GraphQlHttp.Answer> answered = answer(request.servletRequest());
        // Executions that finish on this thread are answered at once: an asynchronous answer sends the request
        // through the servlet filters a second time.
        if (answered.isDone() && !answered.isCompletedExceptionally()) {
            return answered.join().toServerResponse();
        }
        return ServerResponse.async(answered.thenApply(GraphQlHttp.Answer::toServerResponse));
    }

    /** The answer to a POST: a refusal at once, or the execution's answer when it completes. */
    CompletableFuture<GraphQlHttp.Answer> answer(HttpServletRequest request) throws IOException {
        MediaType mediaType = null;
        SerializableGraphQlRequest body;
        try {
            // What was sent is checked before what is asked for: a body this handler cannot read is the problem to
            // name (415), also for a client that asked for an event stream with it.
            Charset charset = requestCharset(request.getHeader(HttpHeaders.CONTENT_TYPE));
            // As Spring's handler: JSON unless the client names the GraphQL response type first.
            mediaType = GraphQlHttp.responseType(
                    Collections.list(request.getHeaders(HttpHeaders.ACCEPT)), MediaType.APPLICATION_JSON);
            byte[] bytes = request.getInputStream().readAllBytes();
            body = GraphQlHttp.request(parse(decode(bytes, charset)), json);
        } catch (GraphQlHttp.Refusal refusal) {
            log.debug("Refused a GraphQL POST with {}: {}", refusal.status.value(), refusal.getMessage());
            return CompletableFuture.completedFuture(GraphQlHttp.refusalAnswer(refusal, mediaType, json));
        }
        WebGraphQlRequest graphQlRequest = GraphQlHttp.webRequest(request, uris.of(request), body);
        MediaType answerType = mediaType;
        return graphQl.handleRequest(graphQlRequest)
                .map(response -> respond(response, answerType))
                .toFuture();
    }

    private GraphQlHttp.Answer respond(WebGraphQlResponse response, MediaType mediaType) {
        HttpStatus status = !response.getExecutionResult().isDataPresent()
                        && MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(mediaType)
                ? HttpStatus.BAD_REQUEST
                : HttpStatus.OK;
        return new GraphQlHttp.Answer(
                status, response.getResponseHeaders(), mediaType, answers.write(response.toMap()));
    }

    /** The body's charset: UTF-8 unless declared; only {@code application/json} bodies are read. */
    private static Charset requestCharset(String header) {
        MediaType type;
        try {
            type = header == null ? null : MediaType.parseMediaType(header);
        } catch (IllegalArgumentException ex) {
            throw new GraphQlHttp.Refusal(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "The Content-Type header could not be read (or names a charset this service does not know);"
                            + " send application/json.");
        }
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            throw new GraphQlHttp.Refusal(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "A GraphQL POST must have Content-Type: application/json.");
        }
        try {
            Charset charset = type.getCharset();
            return charset == null ? StandardCharsets.UTF_8 : charset;
        } catch (IllegalArgumentException ex) {
            throw new GraphQlHttp.Refusal(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "The charset of the Content-Type is not supported; send UTF-8.");
        }
    }

    /** The body as text, refused when its bytes are not valid in the charset (never replaced by U+FFFD). */
    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException ex) {
            throw GraphQlHttp.Refusal.badRequest("The request body is not valid " + charset.name() + " text.");
        }
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            throw GraphQlHttp.Refusal.badRequest("The request body is empty; it must be a JSON object with a 'query'.");
        }
        try {
            return json.readTree(text);
        } catch (JacksonException ex) {
            throw GraphQlHttp.Refusal.badRequest("The request body is not valid JSON.");
        }
    }
}
