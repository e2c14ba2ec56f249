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
 */
final class ViewSpool {

    private static final Logger log = LoggerFactory.getLogger(ViewSpool.class);

    private static final String SUFFIX = ".views";

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
        StringBuilder text = new StringBuilder("# article_id hour_epoch_second views\n");
        for (HourlyCount c : batch.counts()) {
            text.append(c.key().articleId())
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
        List<HourlyCount> counts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(" ");
            counts.add(new HourlyCount(
                    new HourlyCount.Key(Long.parseLong(f[0]), Long.parseLong(f[1])), Long.parseLong(f[2])));
        }
        return new ViewBatch(List.copyOf(counts), id);
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
