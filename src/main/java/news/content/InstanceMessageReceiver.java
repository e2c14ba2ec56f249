package news.content;

/**
 * Receives the messages other instances send under one topic through {@link InstanceMessages}: a module implements it
 * as a bean. {@link #received} runs on the listening thread, so it hands anything slow to a thread of its own.
 */
public interface InstanceMessageReceiver {

    /** The topic received (one word). */
    String topic();

    /** A message another instance sent under {@link #topic()}, as it was sent. */
    void received(String text);
}
