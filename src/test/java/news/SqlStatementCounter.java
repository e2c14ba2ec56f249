package news;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every SQL statement the application prepares on a pooled connection, whether jOOQ executes it or the code
 * goes to JDBC itself, so tests can count them. (Statements without binds sent through {@code createStatement}, such
 * as {@code LISTEN}, are not recorded, nor those of the {@link #BACKGROUND} threads.)
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {

    /**
     * Threads whose statements are not the application answering anyone: the newsroom's check for scheduled articles
     * falling due runs every second whatever the tests do, the reader sketches are rebuilt on a schedule, the shared
     * rate limit synchronises and removes full buckets on its own threads, the persisted-query store writes
     * "last used" and evicts on its own, the alerts are checked on a schedule, the dashboard's figures are warmed up after the start and the next hour's reader unions built ahead, and the readers now of every scope a
     * subscriber (of an earlier test, perhaps) still follows are counted on a timer. A thread counts as one of them when
     * its name is one of these or starts with one of these and a hyphen ("readers-now-3").
     */
    static final Set<String> BACKGROUND = Set.of(
            "due-articles",
            "reader-sketches",
            "view-rate-limit-sync",
            "persisted-queries",
            "replica-poll",
            "analytics-alerts",
            "dashboard-warm-up",
            "readers-now");

    static boolean background(String thread) {
        int hyphen = thread.lastIndexOf('-');
        return BACKGROUND.contains(thread)
                || (hyphen > 0
                        && thread.substring(hyphen + 1).chars().allMatch(Character::isDigit)
                        && BACKGROUND.contains(thread.substring(0, hyphen)));
    }

    private final List<String> statements;

    SqlStatementCounter(Recorder recorder) {
        this.statements = recorder.statements;
    }

    @Bean
    static Recorder statementRecorder() {
        return new Recorder();
    }

    /** Wraps the application's data source so that every connection it gives records what it prepares. */
    static final class Recorder implements BeanPostProcessor {

        private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof DataSource dataSource ? recording(dataSource, statements) : bean;
        }
    }

    private static DataSource recording(DataSource target, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(
                SqlStatementCounter.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? recording(connection, statements) : result;
                });
    }

    private static Connection recording(Connection target, List<String> statements) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")
                    && args != null
                    && args[0] instanceof String sql
                    && !background(Thread.currentThread().getName())) {
                statements.add(sql);
            }
            return invoke(target, method, args);
        };
        return (Connection) Proxy.newProxyInstance(
                SqlStatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
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
