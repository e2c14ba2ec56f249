package news.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool keeps a view's source and the engaged seconds, reads lines of earlier versions without them, and never
 * keeps who was seen (readers now), which would be stale by the time it is replayed.
 */
class ViewSpoolSourcesTest {

    @Test
    void sourcesAndEngagedSeconds_surviveTheSpool_presenceDoesNot(@TempDir Path dir) throws Exception {
        ViewSpool spool = new ViewSpool(dir);
        UUID id = UUID.randomUUID();
        List<PendingView> views = List.of(
                new PendingView(1, 3600, 3600, 7, 8, IngestionEntryPoint.BEACON, "search", "google.co.id"),
                new PendingView(1, 3600, 3600, 7, 9, IngestionEntryPoint.GRAPHQL, "direct", null),
                new PendingView(2, 3600, 3600, 7, 9, IngestionEntryPoint.GRAPHQL));
        List<EngagedCount> engaged =
                List.of(EngagedCount.plain(1, 3600, 42), EngagedCount.covered(1, 7, 8, 3700, 3715));
        spool.save(new ViewBatch(views, List.of(), List.of(), engaged, List.of(new Presence(1, 3600, 7, 8)), id));

        ViewBatch read = spool.read(spool.waiting().get(0));
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.views()).isEqualTo(views);
        assertThat(read.engaged()).isEqualTo(engaged);
        assertThat(read.presence()).isEmpty();
    }

    @Test
    void viewLinesOfEarlierVersions_haveNoSource(@TempDir Path dir) throws Exception {
        UUID id = UUID.randomUUID();
        Path file = dir.resolve(String.format("%013d-%s.views", 1L, id));
        Files.writeString(file, ViewSpool.HEADER + "\nv 5 3600 3600 1 2 beacon\n");
        ViewBatch read = new ViewSpool(dir).read(file);
        assertThat(read.views())
                .containsExactly(new PendingView(5, 3600, 3600, 1, 2, IngestionEntryPoint.BEACON, null, null));
    }
}
