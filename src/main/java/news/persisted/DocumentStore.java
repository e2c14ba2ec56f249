package news.persisted;

/**
 * Where registered automatic persisted queries are kept beyond this instance's memory, so that a hash registered on
 * one instance is answered by every other and after restarts. Every method is best-effort: a failure of the store is
 * never the client's failure.
 */
interface DocumentStore {

    /** The text registered under {@code hash}, or null when it is unknown or cannot be looked up now. */
    String find(String hash);

    /** Keeps a text that parsed and validated, under its hash; may be dropped when the store cannot take it now. */
    void save(String hash, String text);

    /** Notes that {@code hash} was used (answered from memory); cheap, written later if at all. */
    void used(String hash);

    /** No store: registrations live in this instance's memory only. */
    DocumentStore NONE = new DocumentStore() {
        @Override
        public String find(String hash) {
            return null;
        }

        @Override
        public void save(String hash, String text) {}

        @Override
        public void used(String hash) {}
    };
}
