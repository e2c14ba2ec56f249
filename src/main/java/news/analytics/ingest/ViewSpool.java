package news.analytics.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counted views that could not be written to the database, kept in files until they are: one file per batch, named by
 * the batch's id, so that writing it later is as harmless as any retry (the database skips an id it has applied).
 * A file appears whole or not at all (written aside, forced to disk, then renamed).
 * <p>
 * Format (text, one entry a line): a first line {@value #HEADER}; {@code v article hour slot visitor_hi visitor_lo
 * entry_point category host} for a view answered as counted (category and host {@code -} when not known; files of
 * earlier versions end the line after the entry point), {@code o hour entry_point outcome views} for accounting
 * counters, {@code p article visitor_hi visitor_lo from to} for the period (epoch seconds) a heartbeat of engaged time
 * covered; files of earlier versions have {@code e article hour seconds} (plain engaged seconds, still read).
 * Files of earlier versions (first line {@code # article_id hour_epoch_second views}, then {@code article hour views})
 * are still read: their counts are added as they are, without visitor keys, so without the database's
 * de-duplication and without accounting. A file in neither format is set aside as {@code .rejected}.
 */
final class ViewSpool {

    private static final Logger log = LoggerFactory.getLogger(ViewSpool.class);

    private static final String SUFFIX = ".views";

    static final String HEADER = "# news view batch v2";

    private static final String OLD_HEADER = "# article_id hour_epoch_second views";

    private final Path directory;

    ViewSpool(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    Path directory() {
        return directory;
    }

    /** Keeps a batch on disk; when this returns, the batch survives the process. */
    void save(ViewBatch batch) throws IOException {
        Files.createDirectories(directory);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (PendingView v : batch.views()) {
            text.append("v ")
                    .append(v.articleId())
                    .append(' ')
                    .append(v.hour())
                    .append(' ')
                    .append(v.slot())
                    .append(' ')
                    .append(v.visitorHigh())
                    .append(' ')
                    .append(v.visitorLow())
                    .append(' ')
                    .append(v.entryPoint().column())
                    .append(' ')
                    .append(v.category() == null ? "-" : v.category())
                    .append(' ')
                    .append(v.host() == null ? "-" : v.host())
                    .append('\n');
        }
        for (OutcomeCount o : batch.outcomes()) {
            text.append("o ")
                    .append(o.hour())
                    .append(' ')
                    .append(o.entryPoint().column())
                    .append(' ')
                    .append(o.outcome().column())
                    .append(' ')
                    .append(o.views())
                    .append('\n');
        }
        for (EngagedCount e : batch.engaged()) {
            if (e.keyed()) {
                text.append("p ")
                        .append(e.articleId())
                        .append(' ')
                        .append(e.visitorHigh())
                        .append(' ')
                        .append(e.visitorLow())
                        .append(' ')
                        .append(e.from())
                        .append(' ')
                        .append(e.to())
                        .append('\n');
            } else {
                text.append("e ")
                        .append(e.articleId())
                        .append(' ')
                        .append(e.from())
                        .append(' ')
                        .append(e.seconds())
                        .append('\n');
            }
        }
        for (HourlyCount c : batch.plainCounts()) {
            text.append("c ")
                    .append(c.key().articleId())
                    .append(' ')
                    .append(c.key().hourEpochSecond())
                    .append(' ')
                    .append(c.views())
                    .append('\n');
        }
        // The time first, so a listing replays the oldest first; the id after it.
        String name = String.format("%013d-%s", System.currentTimeMillis(), batch.id());
        Path partial = directory.resolve(name + ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(partial, directory.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The batch files waiting, oldest first. */
    List<Path> waiting() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            listing.forEach(files::add);
        } catch (NoSuchFileException ex) {
            return List.of();
        } catch (IOException ex) {
            log.error("Cannot list the view spool {}: {}", directory, ex.toString());
            return List.of();
        }
        files.sort(null);
        return files;
    }

    ViewBatch read(Path file) throws IOException {
        String name = file.getFileName().toString();
        UUID id = UUID.fromString(name.substring(name.indexOf('-') + 1, name.length() - SUFFIX.length()));
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        String first = lines.isEmpty() ? "" : lines.get(0).trim();
        List<PendingView> views = new ArrayList<>();
        List<OutcomeCount> outcomes = new ArrayList<>();
        List<HourlyCount> counts = new ArrayList<>();
        List<EngagedCount> engaged = new ArrayList<>();
        if (first.equals(OLD_HEADER)) {
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    counts.add(plainCount(line.trim().split(" "), 0));
                }
            }
            return new ViewBatch(List.of(), List.of(), List.copyOf(counts), id);
        }
        if (!first.equals(HEADER)) {
            throw new IOException(
                    "not a view spool file (its first line is neither '" + HEADER + "' nor '" + OLD_HEADER + "')");
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "v" ->
                    views.add(new PendingView(
                            Long.parseLong(f[1]),
                            Long.parseLong(f[2]),
                            Long.parseLong(f[3]),
                            Long.parseLong(f[4]),
                            Long.parseLong(f[5]),
                            IngestionEntryPoint.ofColumn(f[6]),
                            f.length > 7 && !f[7].equals("-") ? f[7] : null,
                            f.length > 8 && !f[8].equals("-") ? f[8] : null));
                case "e" ->
                    engaged.add(EngagedCount.plain(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
                case "p" ->
                    engaged.add(EngagedCount.covered(
                            Long.parseLong(f[1]),
                            Long.parseLong(f[2]),
                            Long.parseLong(f[3]),
                            Long.parseLong(f[4]),
                            Long.parseLong(f[5])));
                case "o" ->
                    outcomes.add(new OutcomeCount(
                            Long.parseLong(f[1]),
                            IngestionEntryPoint.ofColumn(f[2]),
                            IngestionOutcome.ofColumn(f[3]),
                            Long.parseLong(f[4])));
                case "c" -> counts.add(plainCount(f, 1));
                default -> throw new IOException("unknown entry '" + f[0] + "' in a view spool file");
            }
        }
        return new ViewBatch(List.copyOf(views), List.copyOf(outcomes), List.copyOf(counts), List.copyOf(engaged), id);
    }

    private static HourlyCount plainCount(String[] f, int from) {
        return new HourlyCount(
                new HourlyCount.Key(Long.parseLong(f[from]), Long.parseLong(f[from + 1])), Long.parseLong(f[from + 2]));
    }

    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /** Sets aside a file that cannot be read, so that it does not block the others; an operator can inspect it. */
    void reject(Path file, Exception why) {
        log.error("View spool file {} cannot be read and is set aside as .rejected: {}", file, why.toString());
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".rejected"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            log.error("Cannot set aside {}: {}", file, ex.toString());
        }
    }
}
