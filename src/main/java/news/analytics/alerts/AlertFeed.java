package news.analytics.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import news.content.InstanceMessageReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * This instance's subscribers of {@code Subscription.analyticsAlerts}: every alert, whichever instance raised it. The
 * raising instance hands its alerts over after their commit; the others hear the alerts' ids as an instance message
 * (topic {@value #TOPIC}, sent in the raising transaction; ids separated by commas, at most {@value #IDS_PER_MESSAGE}
 * a message, well under PostgreSQL's 8,000 bytes a notification) and read the alerts from PostgreSQL in one statement. A subscriber gets the
 * alerts raised while it listens, none from before ({@code Analytics.alerts} lists those).
 */
@Component
class AlertFeed implements InstanceMessageReceiver {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    static final String TOPIC = "analytics-alert";

    /** Ids in one message: 400 ids of up to 19 digits and their commas stay under 8,000 bytes. */
    static final int IDS_PER_MESSAGE = 400;

    private final Sinks.Many<Alert> sink = Sinks.many().multicast().directBestEffort();

    private final AlertRepository repository;

    AlertFeed(AlertRepository repository) {
        this.repository = repository;
    }

    /** The alerts from now on. */
    Flux<Alert> alerts() {
        return sink.asFlux();
    }

    /** An alert this instance raised, after its commit. */
    void raised(Alert alert) {
        synchronized (sink) {
            sink.tryEmitNext(alert);
        }
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** Another instance raised the alerts with these ids. */
    @Override
    public void received(String text) {
        try {
            List<Long> ids = new ArrayList<>();
            for (String id : text.split(",")) {
                ids.add(Long.parseLong(id.trim()));
            }
            repository.alerts(ids).forEach(this::raised);
        } catch (RuntimeException ex) {
            log.warn("Alerts {} of another instance not delivered here: {}", text, ex.toString());
        }
    }

    /** The message that names these alerts to the other instances. */
    static String idsMessage(List<Alert> alerts) {
        return alerts.stream().map(a -> Long.toString(a.id())).collect(Collectors.joining(","));
    }
}
