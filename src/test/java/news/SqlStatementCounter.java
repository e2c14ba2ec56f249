package news;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Records every SQL statement the application sends through jOOQ, so tests can count them. */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {

    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

    @Bean
    ExecuteListenerProvider statementRecorder() {
        return new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        });
    }

    public void reset() {
        statements.clear();
    }

    public List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }
}
