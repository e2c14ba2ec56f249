package news.newsroom;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each newsroom mutation as one transaction: either everything it writes is committed, or (on refused input,
 * a conflict, or any failure) nothing is.
 */
@Component
class Desk {

    private final TransactionTemplate transactions;

    Desk(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * Runs {@code work} in a transaction and returns its result, or a {@link ValidationFailed} when it refused its
     * input. {@code T} is a result union that has {@code ValidationFailed} as a member: {@link ArticleResult},
     * {@link ReporterResult} or {@link SectionResult}. {@code slugField} names the field blamed when a concurrent
     * writer took the same slug first.
     */
    @SuppressWarnings("unchecked")
    <T> T run(String slugField, Supplier<T> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (Problems.Rejected ex) {
            return (T) new ValidationFailed(ex.errors());
        } catch (DuplicateKeyException ex) {
            return (T) new ValidationFailed(List.of(new FieldError(
                    slugField,
                    "'" + slugField + "' was taken by another change at the same moment; try again.",
                    "SLUG_TAKEN")));
        }
    }
}
