package news;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the application clock with one that tests can set. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    Settable settableClock() {
        return new Settable();
    }

    /** Follows the system clock until {@link #set(Instant)} is called, and again after {@link #reset()}. */
    public static final class Settable extends Clock {

        private volatile Instant fixed;

        public void set(Instant instant) {
            fixed = instant;
        }

        public void reset() {
            fixed = null;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
            Instant f = fixed;
            return f == null ? Instant.now() : f;
        }
    }
}
