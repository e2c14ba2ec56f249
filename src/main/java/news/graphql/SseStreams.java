package news.graphql;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

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
    final class Admission {

        private static final Admission UNCOUNTED = new Admission(null, () -> {});

        private final String refusal;

        private final Runnable release;

        private final AtomicBoolean released = new AtomicBoolean();

        private Admission(String refusal, Runnable release) {
            this.refusal = refusal;
            this.release = release;
        }

        /** A stream counted until {@code release} runs (once, however often {@link #release()} is called). */
        public static Admission admitted(Runnable release) {
            return new Admission(null, release);
        }

        /** A stream refused, for {@code reason}; it holds nothing. */
        public static Admission refused(String reason) {
            return new Admission(reason, () -> {});
        }

        /** A stream admitted without being counted (no {@link SseStreams}). */
        static Admission uncounted() {
            return UNCOUNTED;
        }

        /** Why the stream is refused, or null when it is admitted. */
        public String refusal() {
            return refusal;
        }

        /** Stops counting the stream; only the first call counts, from any thread. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }
}
