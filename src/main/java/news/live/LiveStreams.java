package news.live;

import java.net.InetSocketAddress;
import news.graphql.SseStreams;

/**
 * GraphQL over Server-Sent Events streams counted as live connections: a stream is admitted under the same bounds as
 * a WebSocket upgrade ({@code news.live.max-connections}, {@code news.live.max-connections-per-client}) and holds its
 * place until it ends, so neither transport is a way around the other's limits.
 */
final class LiveStreams implements SseStreams {

    private final LiveConnections connections;

    LiveStreams(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public Admission open(InetSocketAddress remote) {
        String client = LiveConnections.clientKey(remote);
        String refusal = connections.refusal(client);
        if (refusal == null) {
            Runnable release = connections.openStream(client);
            if (release != null) {
                return Admission.admitted(release);
            }
            // Another stream or upgrade took the last place meanwhile.
            refusal = connections.refusal(client);
            if (refusal == null) {
                refusal = "This service has its maximum of live connections open; try again later.";
            }
        }
        return Admission.refused(refusal);
    }
}
