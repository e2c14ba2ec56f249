package news;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL over Server-Sent Events client on a socket of its own, so that closing it is the client going away. It
 * checks what every stream must do at once: answer 200 {@code text/event-stream} without waiting for an event, and
 * open with a comment.
 */
public final class RawSse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RawSse() {}

    /** Opens a stream for {@code query}; its socket reads with a timeout of 5 s. */
    public static Socket open(int port, String query) throws IOException {
        byte[] body = JSON.writeValueAsString(Map.of("query", query)).getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(5_000);
        socket.getOutputStream()
                .write(("POST /graphql HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                                + "Accept: text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        long started = System.nanoTime();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the response's head, so far: %s", head).isNotNegative();
            head.append((char) b);
        }
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("the response comes at once, not with the first event or keep-alive")
                .isLessThan(5_000);
        assertThat(head.toString()).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream");
        String first = new String(
                in.readNBytes(head.toString().toLowerCase().contains("chunked") ? 4 : 1), StandardCharsets.US_ASCII);
        assertThat(first).as("the stream opens with a comment").endsWith(":");
        return socket;
    }

    /** Everything the stream sends until the server ends it (or 5 s pass without a byte), as text. */
    public static String rest(Socket socket) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            read.write(buffer, 0, n);
            if (read.toString(StandardCharsets.UTF_8).contains("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
