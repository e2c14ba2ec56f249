package news.content;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Short messages from one instance to all the others, on the PostgreSQL notification channel that carries content
 * changes (one listening connection per instance for both): {@link #send} queues a message in the current
 * transaction, so the others hear it only if and when it commits; each of them hands it to the beans that receive
 * its topic ({@link InstanceMessageReceiver}). The sending instance does not hear its own messages: it acts on them
 * itself after its commit. Messages sent while an instance is not listening (reconnecting) are lost to it.
 */
@Component
public class InstanceMessages {

    private static final Logger log = LoggerFactory.getLogger(InstanceMessages.class);

    /** Marks a message in a notification's text, where a content change names its kind. */
    static final String MESSAGE = "MESSAGE";

    private final ContentRepository repository;

    private final ContentChanges changes;

    private final Map<String, List<InstanceMessageReceiver>> receivers;

    InstanceMessages(ContentRepository repository, ContentChanges changes, List<InstanceMessageReceiver> receivers) {
        this.repository = repository;
        this.changes = changes;
        this.receivers = receivers.stream().collect(Collectors.groupingBy(InstanceMessageReceiver::topic));
    }

    /**
     * Queues {@code text} (no line breaks, a few hundred characters at most) under {@code topic} (one word) for the
     * other instances, in the current transaction; outside one it is sent at once.
     */
    public void send(String topic, String text) {
        if (topic.isEmpty() || topic.contains(" ") || text.contains("\n") || text.length() > 1000) {
            throw new IllegalArgumentException("not a message: " + topic + " " + text);
        }
        repository.notify(changes.instance + " " + MESSAGE + " " + topic + " " + text);
    }

    /** Whether a notification's text (split at spaces) is a message rather than a content change. */
    static boolean isMessage(String[] parts) {
        return parts.length >= 3 && parts[1].equals(MESSAGE);
    }

    /** Hands a message another instance sent to the receivers of its topic. */
    void heard(String payload) {
        String[] parts = payload.split(" ", 4);
        String text = parts.length > 3 ? parts[3] : "";
        for (InstanceMessageReceiver receiver : receivers.getOrDefault(parts[2], List.of())) {
            try {
                receiver.received(text);
            } catch (RuntimeException ex) {
                log.warn(
                        "Message {} not handled by {}: {}",
                        parts[2],
                        receiver.getClass().getSimpleName(),
                        ex.toString());
            }
        }
    }
}
