package news;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Counts the applications the tests of one Maven phase start, and refuses to start one past the bound: every start
 * costs an embedded PostgreSQL, the migrations and the demo newsroom, so the build keeps them few (see the Tests
 * section of {@code docs/code.md}).
 *
 * <p>Registered in {@code META-INF/spring.factories} of the test resources, so it hears every {@code SpringApplication}
 * run in the test JVM: {@code @SpringBootTest} contexts and instances started by hand alike, counted when the start
 * begins (a start that then fails still cost one). {@code ApplicationContextRunner} tests are not applications and
 * are not counted. Surefire and failsafe each run one JVM (Maven's default {@code forkCount=1}), which they pass the
 * bound ({@code tests.max-application-starts}) and a file under {@code target/} that lists the starts so far
 * ({@code tests.application-starts-file}); without the bound (a run from an IDE) nothing is counted.
 *
 * <p>Failing the start itself, rather than checking a report after the run, names the test that went over the bound
 * and cannot be skipped by test order, a filtered run or a crashed fork.
 */
public class ApplicationStartCounter implements ApplicationListener<ApplicationStartingEvent> {

    public static final String MAX = "tests.max-application-starts";

    public static final String FILE = "tests.application-starts-file";

    private static final List<String> STARTS = new ArrayList<>();

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        String max = System.getProperty(MAX);
        if (max == null) {
            return;
        }
        int bound = Integer.parseInt(max);
        String line;
        int count;
        synchronized (STARTS) {
            count = STARTS.size() + 1;
            line = count + " " + Instant.now() + " " + startedBy();
            STARTS.add(line);
            write();
        }
        if (count > bound) {
            throw new IllegalStateException("Application start " + count + " in this test run, above the bound of "
                    + bound + " (" + MAX + "): use the shared @IntegrationTest context, an ApplicationContextRunner"
                    + " or a unit test, or make a slow drill a failsafe *IT. Starts so far: " + STARTS);
        }
    }

    /** The test class that asked for the start, if it is on the stack (instances started by hand). */
    private static String startedBy() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .filter(name -> name.startsWith("news.") && (name.endsWith("Test") || name.endsWith("IT")))
                        .findFirst())
                .or(ApplicationStartCounter::currentTestClass)
                .orElse("a test context");
    }

    private static Optional<String> currentTestClass() {
        return Optional.ofNullable(TestClasses.current);
    }

    /**
     * Remembers the test class Spring's test framework is preparing: it loads {@code @SpringBootTest} contexts
     * without the test on the stack. Registered in {@code META-INF/spring.factories} next to the counter.
     */
    public static class TestClasses implements TestExecutionListener, Ordered {

        private static volatile String current;

        @Override
        public void beforeTestClass(TestContext testContext) {
            current = testContext.getTestClass().getName();
        }

        /** A test class with one instance per class is prepared before {@link #beforeTestClass}. */
        @Override
        public void prepareTestInstance(TestContext testContext) {
            current = testContext.getTestClass().getName();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static void write() {
        String file = System.getProperty(FILE);
        if (file == null) {
            return;
        }
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.write(path, STARTS);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
