package news.analytics.alerts;

import news.content.InstanceMessageReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * This instance's subscribers of {@code Subscription.analyticsAlerts}: every alert, whichever instance raised it. The
 * raising instance hands its alerts over after their commit; the others hear the alert's id as an instance message
 * (topic {@value #TOPIC}, sent in the raising transaction) and read the alert from PostgreSQL. A subscriber gets the
 * alerts raised while it listens, none from before ({@code Analytics.alerts} lists those).
 */
@Component
class AlertFeed implements InstanceMessageReceiver {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    static final String TOPIC = "analytics-alert";

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

    /** Another instance raised the alert with this id. */
    @Override
    public void received(String text) {
        try {
            repository.alert(Long.parseLong(text.trim())).ifPresent(this::raised);
        } catch (RuntimeException ex) {
            log.warn("Alert {} of another instance not delivered here: {}", text, ex.toString());
        }
    }
}
