package news.content;

/**
 * Receives the messages other instances send under one topic through {@link InstanceMessages}: a module implements it
 * as a bean. {@link #received} runs on the listening thread, which every content change also waits for: it does
 * little (a read by key at most) or hands the work to a thread of its own.
 */
public interface InstanceMessageReceiver {

    /** The topic received (one word). */
    String topic();

    /** A message another instance sent under {@link #topic()}, as it was sent. */
    void received(String text);
}
