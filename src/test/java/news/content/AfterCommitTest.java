package news.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import news.content.AfterCommitStep.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * {@link AfterCommit} runs the steps of a committed change stage by stage, whatever order the steps were found in;
 * the keys are read once, after the local caches have dropped what changed, and shared; a failing step does not stop
 * the others.
 */
class AfterCommitTest {

    final List<String> log = new ArrayList<>();

    /** A step that writes its name (and, if it asks, the keys) into the log. */
    AfterCommitStep step(String name, Stage stage, boolean asksForKeys) {
        return new AfterCommitStep() {
            @Override
            public Stage stage() {
                return stage;
            }

            @Override
            public void apply(CommittedChange change) {
                log.add(name
                        + (change.madeHere() ? "" : " (heard)")
                        + (asksForKeys ? " " + String.join(",", change.keys()) : ""));
            }
        };
    }

    AfterCommit afterCommit(AffectedKeys keys, AfterCommitStep... steps) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("keys", keys);
        return new AfterCommit(
                List.of(steps), beans.getBeanProvider(AffectedKeys.class), new ContentChanges(null, null));
    }

    AffectedKeys keys = change -> {
        log.add("read keys");
        return List.of("article-" + change.id(), "list-latest");
    };

    @Test
    void steps_runStageByStage_andTheKeysAreReadOnceAfterTheLocalCaches() {
        AfterCommit afterCommit = afterCommit(
                keys,
                step("announce", Stage.ANNOUNCE, false),
                step("purge", Stage.PURGE, true),
                step("responses", Stage.RESPONSES, true),
                step("section tree", Stage.CACHES, false),
                step("visibility", Stage.CACHES, false));

        assertThat(afterCommit.steps()).extracting(AfterCommitStep::stage).isSorted();
        afterCommit.committed(ContentChanged.article(42, true));

        assertThat(log)
                .containsExactly(
                        "section tree",
                        "visibility",
                        "read keys",
                        "responses article-42,list-latest",
                        "purge article-42,list-latest",
                        "announce");
    }

    @Test
    void anotherInstancesChange_runsTheSameSteps_notMadeHere() {
        afterCommit(keys, step("purge", Stage.PURGE, false), step("responses", Stage.RESPONSES, true))
                .heard(ContentChanged.section(7), null);

        assertThat(log).containsExactly("read keys", "responses (heard) article-7,list-latest", "purge (heard)");
    }

    @Test
    void keysCarriedByTheNotification_areNotReadAgain() {
        ContentChanged change = ContentChanged.article(42, true);
        String payload = change.payload("other-instance", List.of("article-42", "article-slug-damai", "list-latest"));
        String[] parts = payload.split(" ");

        afterCommit(keys, step("responses", Stage.RESPONSES, true))
                .heard(ContentChanged.parse(parts), ContentChanged.keys(parts));

        assertThat(log).containsExactly("responses (heard) article-42,article-slug-damai,list-latest");
    }

    @Test
    void notification_carriesNoKeys_whenNoneWereRead_orTheyDoNotFit() {
        ContentChanged change = ContentChanged.article(42, true);

        assertThat(ContentChanged.keys(change.payload("i", null).split(" "))).isNull();
        assertThat(ContentChanged.keys(change.payload("i", List.of()).split(" ")))
                .isEmpty();
        List<String> many = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> "tag-slug-" + "x".repeat(20) + i)
                .toList();
        String tooLong = change.payload("i", many);
        assertThat(tooLong.length()).isLessThan(ContentChanged.MAX_PAYLOAD);
        assertThat(ContentChanged.keys(tooLong.split(" "))).isNull();
        // An older version's notification: the change, and every instance reads the keys itself.
        assertThat(ContentChanged.parse("i ARTICLE 42 true".split(" "))).isEqualTo(change);
        assertThat(ContentChanged.keys("i ARTICLE 42 true".split(" "))).isNull();
    }

    @Test
    void aFailingStep_doesNotStopTheLaterOnes() {
        AfterCommitStep failing = new AfterCommitStep() {
            @Override
            public Stage stage() {
                return Stage.CACHES;
            }

            @Override
            public void apply(CommittedChange change) {
                log.add("failing");
                throw new IllegalStateException("boom");
            }
        };
        afterCommit(keys, step("announce", Stage.ANNOUNCE, false), failing).committed(ContentChanged.article(1, true));

        assertThat(log).containsExactly("failing", "announce");
    }

    @Test
    void aFailedKeyRead_isNotRepeated_everyStepAskingGetsItsFailure() {
        AffectedKeys broken = change -> {
            log.add("read keys");
            throw new IllegalStateException("database gone");
        };
        CommittedChange change = new CommittedChange(ContentChanged.article(3, true), true, broken, null);

        assertThatThrownBy(change::keys).hasMessage("database gone");
        assertThatThrownBy(change::keys).hasMessage("database gone");
        assertThat(log).containsExactly("read keys");
    }
}
