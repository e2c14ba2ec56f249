package news.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Generates a newsroom for the benchmark (run by {@code bench/run.sh}, not by the tests): sections in a tree,
 * reporters, tags, articles with Indonesian-like headlines and bodies built from a vocabulary of real Indonesian
 * words, bylines, tags, and 30 days of hourly view buckets (about 100 views per article). Creates the schema with the
 * service's migrations, replaces whatever newsroom the database held, loads everything with {@code COPY}, and writes
 * {@code data.lua} (slugs, ids, sections and the cursor of page 500 of {@code latest}) for the load scripts.
 *
 * <p>Arguments: JDBC URL, user, password, number of articles, output directory, and {@code engagement} to add the
 * readers' side ({@link EngagementGenerator}). Same arguments, same newsroom
 * (fixed seed), apart from times, which are relative to now.
 */
public final class NewsroomGenerator {

    static final String[] WORDS =
            ("banjir perdamaian damai pemilu pemerintah presiden menteri gubernur wali kota warga masyarakat rakyat"
                            + " jalan rumah sekolah pasar harga beras minyak cabai bawang hujan deras longsor gempa bumi"
                            + " tsunami gunung laut pantai sungai kebakaran hutan asap polisi tentara jaksa hakim pengadilan"
                            + " korupsi suap kasus sidang putusan penjara undang rapat dewan partai calon suara kampanye"
                            + " koalisi oposisi anggaran pajak ekonomi inflasi bank rupiah dolar saham investasi ekspor"
                            + " impor petani nelayan buruh upah kerja pabrik tambang batu bara listrik air bersih sampah"
                            + " kesehatan rumah sakit dokter pasien vaksin obat penyakit demam berdarah anak ibu keluarga"
                            + " pendidikan guru murid mahasiswa kampus ujian beasiswa teknologi internet ponsel aplikasi"
                            + " data digital sepak bola pertandingan pemain pelatih gol juara liga tim nasional stadion"
                            + " budaya seni musik film festival wisata hotel bandara pesawat kereta kapal pelabuhan"
                            + " kemacetan transportasi tol proyek pembangunan desa kota provinsi daerah pusat wilayah"
                            + " perbatasan keamanan perang konflik gencatan senjata bantuan kemanusiaan pengungsi diplomasi"
                            + " perjanjian kerja sama dunia internasional negara tetangga lingkungan iklim cuaca kemarau"
                            + " panen pangan subsidi bensin solar kenaikan penurunan laporan hasil survei penelitian"
                            + " menurut kata ujar jelas tegas sebut mengatakan menyatakan meminta berharap akan telah sudah"
                            + " belum masih sedang baru lama besar kecil tinggi rendah banyak sedikit semua beberapa"
                            + " pada dari ke di dengan untuk oleh dalam tentang antara setelah sebelum karena sehingga"
                            + " namun tetapi juga bahwa yang ini itu tersebut hari minggu bulan tahun pagi siang sore malam"
                            + " Jakarta Bogor Bandung Surabaya Medan Makassar Semarang Yogyakarta Depok Bekasi Tangerang"
                            + " Papua Aceh Bali Lombok Kalimantan Sulawesi Sumatra Jawa Maluku Gaza Ukraina Jepang")
                    .split(" ");

    private static final String[][] SECTIONS = {
        {"berita", "Berita"}, {"dunia", "Dunia"}, {"politik", "Politik"}, {"hukum", "Hukum"},
        {"ekonomi", "Ekonomi"}, {"olahraga", "Olahraga"}, {"teknologi", "Teknologi"}, {"gaya-hidup", "Gaya Hidup"}
    };

    private static final String[] REGIONS = {
        "Jakarta",
        "Bogor",
        "Depok",
        "Tangerang",
        "Bekasi",
        "Bandung",
        "Surabaya",
        "Medan",
        "Makassar",
        "Semarang",
        "Yogyakarta",
        "Bali",
        "Papua",
        "Aceh",
        "Kalimantan",
        "Sulawesi",
        "Sumatra",
        "Maluku",
        "Lombok",
        "Banten",
        "Asia",
        "Eropa",
        "Amerika",
        "Timur Tengah",
        "Afrika",
        "Australia",
        "Pemilu",
        "DPR",
        "Kabinet",
        "Pilkada",
        "Korupsi",
        "Kriminal",
        "Peradilan",
        "Bisnis",
        "Keuangan",
        "Energi",
        "Sepak Bola",
        "Bulu Tangkis",
        "Motor",
        "Gawai",
        "Sains",
        "Kuliner"
    };

    private static final String[] FIRST = {
        "Budi", "Siti", "Agus", "Dewi", "Rina", "Andi", "Putri", "Hendra", "Wahyu", "Indah", "Rizky", "Nur", "Fajar",
        "Ayu", "Dian", "Eko", "Sri", "Yudi", "Lestari", "Bayu", "Ratna", "Teguh", "Wulan", "Arif", "Maya", "Joko",
        "Fitri", "Dimas", "Sari", "Galih"
    };

    private static final String[] LAST = {
        "Santoso",
        "Wijaya",
        "Saputra",
        "Lestari",
        "Pratama",
        "Hidayat",
        "Nugroho",
        "Kurniawan",
        "Setiawan",
        "Wibowo",
        "Siregar",
        "Nasution",
        "Harahap",
        "Sitompul",
        "Simanjuntak",
        "Putra",
        "Rahman",
        "Hakim",
        "Syahputra",
        "Susanto",
        "Gunawan",
        "Halim",
        "Tanjung",
        "Daulay",
        "Lubis",
        "Pane",
        "Purba",
        "Sembiring",
        "Ginting",
        "Manurung"
    };

    private static final int BATCH = 5_000;

    private final Connection db;

    private final CopyManager copy;

    private final Random random = new Random(20261129L);

    /** The readers' side (engaged time, sources, reader keys and sketches), or null when not asked for. */
    private EngagementGenerator engagement;

    private NewsroomGenerator(Connection db) throws SQLException {
        this.db = db;
        this.copy = db.unwrap(PGConnection.class).getCopyAPI();
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int articles = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        boolean withEngagement = args.length > 5 && args[5].equals("engagement");
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            NewsroomGenerator generator = new NewsroomGenerator(db);
            if (withEngagement) {
                generator.engagement = new EngagementGenerator(db, generator.copy);
            }
            Summary summary = generator.generate(articles, Math.max(10, articles / 100), 300);
            generator.writeLuaData(out.resolve("data.lua"));
            System.out.printf(
                    "newsroom: %,d articles (%,d visible), %,d reporters, %,d sections, %,d tags, %,d hourly view"
                            + " buckets, %,d views; %.0f s%n",
                    summary.articles,
                    summary.visible,
                    summary.reporters,
                    SECTIONS.length + REGIONS.length,
                    summary.tags,
                    summary.buckets,
                    summary.views,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    record Summary(long articles, long visible, long reporters, long tags, long buckets, long views) {}

    Summary generate(int articles, int reporters, int tags) throws SQLException, IOException {
        execute("truncate article_views_hourly, article_views_window, article_views_window_range,"
                + " article_views_flush, article_reporter, article_tag, article_slug_history, article_correction,"
                + " newsroom_audit, article, reporter, tag, section restart identity cascade");
        sections();
        reporters(reporters);
        int tagCount = tags(tags);
        if (engagement != null) {
            engagement.prepare();
        }
        long[] counts = articles(articles, reporters, tagCount);
        if (engagement != null) {
            long[] newest = strings("select id::text from article where status = 'PUBLISHED' and published_at <= now()"
                            + " order by published_at desc limit 300")
                    .stream()
                    .mapToLong(Long::parseLong)
                    .toArray();
            long[] written = engagement.finish(newest);
            System.out.printf(
                    "readers: %,d reader keys, %,d hourly sketches, readers now on the newest %d articles%n",
                    written[0], written[1], newest.length);
        }
        execute("vacuum analyze");
        long views = queryLong("select coalesce(sum(views), 0) from article_views_hourly");
        long visible = queryLong("select count(*) from article where status = 'PUBLISHED'");
        return new Summary(articles, visible, reporters, tagCount, counts[0], views);
    }

    /** Eight front sections, each with regional or topical subsections: 50 in all. */
    private void sections() throws SQLException, IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < SECTIONS.length; i++) {
            row(rows, SECTIONS[i][0], SECTIONS[i][1], "Kanal " + SECTIONS[i][1], null, i);
        }
        for (int i = 0; i < REGIONS.length; i++) {
            int parent = 1 + i % SECTIONS.length;
            row(rows, slug(REGIONS[i]), REGIONS[i], "Berita " + REGIONS[i], parent, i);
        }
        copy.copyIn(
                "copy section (slug, name, description, parent_id, position) from stdin",
                new StringReader(rows.toString()));
    }

    private void reporters(int count) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            row(
                    rows,
                    slug(name) + "-" + i,
                    name,
                    "Wartawan " + sentence(8),
                    i % 3 == 0 ? null : "https://img.example.id/reporter/" + i + ".jpg");
        }
        copy.copyIn("copy reporter (slug, name, bio, avatar_url) from stdin", new StringReader(rows.toString()));
        progress("reporters", count, count);
        System.out.println();
    }

    private int tags(int count) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (int i = 0; seen.size() < count && i < count * 20; i++) {
            String name = capitalize(WORDS[random.nextInt(WORDS.length)])
                    + (i < WORDS.length ? "" : " " + capitalize(WORDS[random.nextInt(WORDS.length)]));
            if (seen.add(slug(name))) {
                row(rows, slug(name), name);
            }
        }
        copy.copyIn("copy tag (slug, name) from stdin", new StringReader(rows.toString()));
        return seen.size();
    }

    /**
     * Articles over the last 30 days, newest with the lowest id first published last; 97% published, 2% drafts, 1%
     * archived. Returns the number of view buckets.
     */
    private long[] articles(int count, int reporterCount, int tagCount) throws SQLException, IOException {
        int sectionCount = SECTIONS.length + REGIONS.length;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long span = 30L * 24 * 3600;
        StringBuilder articles = new StringBuilder();
        StringBuilder bylines = new StringBuilder();
        StringBuilder tagRows = new StringBuilder();
        StringBuilder views = new StringBuilder();
        long buckets = 0;
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        for (int id = 1; id <= count; id++) {
            Instant published = now.minusSeconds(60 + (span - 3600) * (long) (count - id) / count);
            int kind = random.nextInt(100);
            String status = kind < 97 ? "PUBLISHED" : kind < 99 ? "DRAFT" : "ARCHIVED";
            String headline = capitalize(sentence(6 + random.nextInt(5)));
            boolean image = random.nextInt(5) > 0;
            String summaryText = capitalize(sentence(18 + random.nextInt(10))) + ".";
            String bodyText = body();
            int section = 1 + random.nextInt(sectionCount);
            row(
                    articles,
                    slug(headline) + "-" + id,
                    headline,
                    summaryText,
                    bodyText,
                    section,
                    status,
                    status.equals("DRAFT") ? null : published.toString(),
                    published.toString(),
                    published.toString(),
                    image ? "https://img.example.id/artikel/" + id + ".jpg" : null,
                    image ? capitalize(sentence(10)) + "." : null,
                    image ? (random.nextBoolean() ? "Net" : "Istimewa") : null,
                    image ? sentence(6) : null,
                    image ? "1200" : null,
                    image ? "675" : null,
                    status.equals("DRAFT") ? null : published.toString());
            int bylineCount = 1 + (random.nextInt(4) == 0 ? 1 : 0);
            int first = 1 + random.nextInt(reporterCount);
            long[] byline = new long[bylineCount];
            for (int r = 0; r < bylineCount; r++) {
                byline[r] = 1 + (first - 1 + r * 7) % reporterCount;
                row(bylines, id, byline[r], r);
            }
            int tagsOf = random.nextInt(4);
            int tag = 1 + random.nextInt(tagCount);
            for (int t = 0; t < tagsOf; t++) {
                row(tagRows, id, 1 + (tag - 1 + t * 13) % tagCount);
            }
            if (!status.equals("DRAFT")) {
                // Read for a day after it appears, decaying; some articles are hits.
                double base = 15 * Math.exp(random.nextGaussian() - 0.5);
                Instant hour = published.truncatedTo(ChronoUnit.HOURS);
                for (int k = 0; k < 24 && !hour.isAfter(currentHour); k++, hour = hour.plus(1, ChronoUnit.HOURS)) {
                    long v = Math.max(1, Math.round(base * Math.exp(-k / 6.0)));
                    row(views, id, hour.toString(), v);
                    if (engagement != null) {
                        engagement.bucket(id, section, byline, hour, v);
                    }
                    buckets++;
                }
            }
            if (id % BATCH == 0 || id == count) {
                copy.copyIn(
                        "copy article (slug, headline, summary, body, section_id, status, published_at, created_at,"
                                + " updated_at, image_url, image_caption, image_credit, image_alt, image_width,"
                                + " image_height, first_published_at) from stdin",
                        new StringReader(articles.toString()));
                copy.copyIn(
                        "copy article_reporter (article_id, reporter_id, position) from stdin",
                        new StringReader(bylines.toString()));
                copy.copyIn("copy article_tag (article_id, tag_id) from stdin", new StringReader(tagRows.toString()));
                copy.copyIn(
                        "copy article_views_hourly (article_id, hour, views) from stdin",
                        new StringReader(views.toString()));
                if (engagement != null) {
                    engagement.flush(published.truncatedTo(ChronoUnit.HOURS));
                }
                articles.setLength(0);
                bylines.setLength(0);
                tagRows.setLength(0);
                views.setLength(0);
                progress("articles", id, count);
            }
        }
        System.out.println();
        return new long[] {buckets};
    }

    /** Four to seven blocks: paragraphs of 25 to 60 words, a quote with its speaker, sometimes a heading. */
    private String body() {
        int blocks = 4 + random.nextInt(4);
        StringBuilder json = new StringBuilder("[");
        for (int b = 0; b < blocks; b++) {
            if (b > 0) {
                json.append(',');
            }
            if (b == 2) {
                json.append("{\"type\":\"QUOTE\",\"text\":\"")
                        .append(capitalize(sentence(12)))
                        .append(".\",\"speaker\":\"")
                        .append(FIRST[random.nextInt(FIRST.length)])
                        .append(' ')
                        .append(LAST[random.nextInt(LAST.length)])
                        .append("\"}");
            } else if (b == 4 && random.nextBoolean()) {
                json.append("{\"type\":\"HEADING\",\"text\":\"")
                        .append(capitalize(sentence(4)))
                        .append("\"}");
            } else {
                json.append("{\"type\":\"PARAGRAPH\",\"text\":\"");
                int sentences = 2 + random.nextInt(4);
                for (int s = 0; s < sentences; s++) {
                    json.append(s > 0 ? " " : "")
                            .append(capitalize(sentence(10 + random.nextInt(8))))
                            .append('.');
                }
                json.append("\"}");
            }
        }
        return json.append(']').toString();
    }

    private String sentence(int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String slug(String text) {
        String slug =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.substring(0, Math.min(150, slug.length()));
    }

    /** One row of COPY's text format; the generated text holds no tab, newline or backslash. */
    static void row(StringBuilder rows, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            rows.append(values[i] == null ? "\\N" : values[i].toString());
        }
        rows.append('\n');
    }

    private static void progress(String what, long done, long total) {
        int width = 40;
        int filled = (int) (width * done / Math.max(1, total));
        System.out.printf(
                "\r%-10s [%s%s] %3d%% %,d/%,d",
                what, "#".repeat(filled), " ".repeat(width - filled), 100 * done / Math.max(1, total), done, total);
        System.out.flush();
    }

    /**
     * Values the load scripts pick from: slugs and ids of visible articles, section and reporter slugs, and the cursor after
     * which page 500 (20 per page) of {@code latest} starts (the last page, in a newsroom too small for 500).
     */
    void writeLuaData(Path file) throws SQLException, IOException {
        List<String> slugs = strings("select slug from article where status = 'PUBLISHED' order by id desc limit 2000");
        List<String> ids = new ArrayList<>();
        for (String id : strings("select id::text from article where status = 'PUBLISHED'"
                + " and published_at > now() - interval '3 days' order by id desc limit 2000")) {
            ids.add(Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(("Article:" + id).getBytes(StandardCharsets.UTF_8)));
        }
        List<String> sections = strings("select slug from section order by id");
        List<String> reporters = strings("select slug from reporter order by id limit 2000");
        List<String> cursor = strings("select (extract(epoch from published_at) * 1000000)::bigint || ':' || id"
                + " from article where status in ('PUBLISHED', 'SCHEDULED') and published_at <= now()"
                + " order by published_at desc, id desc offset least(9979, greatest(0, (select count(*) - 21 from"
                + " article where status = 'PUBLISHED'))) limit 1");
        String page500 = cursor.isEmpty()
                ? ""
                : Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("a1:" + cursor.get(0)).getBytes(StandardCharsets.UTF_8));
        String lua = "return {\n  slugs = " + luaList(slugs) + ",\n  ids = " + luaList(ids) + ",\n  sections = "
                + luaList(sections) + ",\n  reporters = " + luaList(reporters) + ",\n  cursor500 = \"" + page500
                + "\"\n}\n";
        Files.writeString(file, lua);
    }

    private static String luaList(List<String> values) {
        StringBuilder s = new StringBuilder("{");
        for (String v : values) {
            s.append('"').append(v).append("\",");
        }
        return s.append('}').toString();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
