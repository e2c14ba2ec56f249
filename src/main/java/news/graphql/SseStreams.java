package news.graphql;

import java.net.InetSocketAddress;

/**
 * The bounds on GraphQL over Server-Sent Events streams: each stream is counted, in total and per client address, with
 * the service's other live connections (implemented by the live package, which owns those bounds). Without an
 * implementation, streams are not counted.
 */
public interface SseStreams {

    /**
     * Admits a stream from {@code client}, or refuses it; an admitted stream is counted until {@link
     * Admission#release()} (which may run any number of times, from any thread).
     */
    Admission open(InetSocketAddress client);

    /** An admitted stream (refusal null) or a refused one, with the reason told to the client. */
    interface Admission {

        /** Why the stream is refused, or null when it is admitted. */
        String refusal();

        /** Stops counting the stream; a refused one holds nothing. */
        void release();
    }
}
