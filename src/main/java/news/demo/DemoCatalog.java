package news.demo;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic demo content for an Indonesian online newsroom: sections, reporters and articles built from the story
 * templates in {@link DemoStories} with a fixed random seed, so every call of {@link #generate()} returns the same
 * catalog. Article ages are relative; the loader turns them into publish times.
 */
final class DemoCatalog {

    record Section(String slug, String name, String parentSlug /* null for top level */, int position) {
    }

    record Reporter(String slug, String name, String bio) {
    }

    enum BlockType { PARAGRAPH, QUOTE, HEADING }

    record Block(BlockType type, String text, String speaker /* only for QUOTE, else null */) {
    }

    record Image(String url, String caption, String credit, String alt, int width, int height) {
    }

    record Article(String slug, String headline, String summary, String sectionSlug, List<String> reporterSlugs,
            List<String> tags, Duration age, List<Block> body, Image image, boolean hit) {
    }

    static final long SEED = 20231022L;

    static final int ARTICLE_COUNT = 150;

    static final int RECENT_COUNT = 50;

    static final int HIT_COUNT = 6;

    private static final int MAX_SLUG = 120;

    private static final int MAX_HEADLINE = 160;

    private static final Duration MIN_AGE = Duration.ofMinutes(15);

    private static final Duration RECENT_LIMIT = Duration.ofDays(3);

    private static final Duration MAX_AGE = Duration.ofHours(29 * 24 + 12);

    private static final Duration HIT_LIMIT = Duration.ofDays(5);

    private final List<Section> sections;

    private final List<Reporter> reporters;

    private final List<Article> articles;

    private DemoCatalog(List<Section> sections, List<Reporter> reporters, List<Article> articles) {
        this.sections = List.copyOf(sections);
        this.reporters = List.copyOf(reporters);
        this.articles = List.copyOf(articles);
    }

    /** Parents before children. */
    List<Section> sections() {
        return sections;
    }

    List<Reporter> reporters() {
        return reporters;
    }

    /** Newest first. */
    List<Article> articles() {
        return articles;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Fixed data
    // ---------------------------------------------------------------------------------------------------------------

    private static List<Section> buildSections() {
        return List.of(
                new Section("berita", "Berita", null, 0),
                new Section("olahraga", "Olahraga", null, 1),
                new Section("teknologi", "Teknologi", null, 2),
                new Section("dunia", "Dunia", "berita", 0),
                new Section("politik", "Politik", "berita", 1),
                new Section("hukum", "Hukum", "berita", 2),
                new Section("nusantara", "Nusantara", "berita", 3),
                new Section("ekonomi", "Ekonomi", "berita", 4),
                new Section("sepak-bola", "Sepak Bola", "olahraga", 0),
                new Section("bulu-tangkis", "Bulu Tangkis", "olahraga", 1));
    }

    /** A reporter plus the sections they usually write for. */
    private record Desk(Reporter reporter, List<String> beats) {
    }

    private static Desk desk(String name, String bio, String... beats) {
        return new Desk(new Reporter(slug(name, MAX_SLUG), name, bio), List.of(beats));
    }

    private static List<Desk> buildDesks() {
        return List.of(
                desk("Anindya Paramitha", "Anindya Paramitha meliput isu internasional dan diplomasi, terutama "
                        + "perkembangan di Asia Tenggara dan Timur Tengah.", "dunia"),
                desk("Jessica Tambunan", "Jessica Tambunan menulis tentang perdagangan global dan hubungan ekonomi "
                        + "Indonesia dengan negara-negara mitra.", "dunia", "ekonomi"),
                desk("Bagus Wiratama", "Bagus Wiratama meliput kegiatan parlemen dan partai politik sejak lebih dari "
                        + "delapan tahun lalu.", "politik"),
                desk("Ilham Fadhillah", "Ilham Fadhillah mengikuti dinamika politik nasional dan proses legislasi di "
                        + "Senayan.", "politik", "hukum"),
                desk("Cahya Ramadani", "Cahya Ramadani meliput persidangan dan kerja aparat penegak hukum, dengan "
                        + "fokus pada perkara korupsi.", "hukum"),
                desk("Kevin Hutapea", "Kevin Hutapea melaporkan berita kepolisian, kejahatan siber, dan peristiwa "
                        + "dari berbagai daerah.", "hukum", "nusantara"),
                desk("Dian Kusumastuti", "Dian Kusumastuti menulis kisah-kisah dari berbagai daerah, mulai dari "
                        + "kebencanaan hingga budaya lokal.", "nusantara"),
                desk("Eko Prasetya Nugraha", "Eko Prasetya Nugraha meliput kebijakan moneter, pasar keuangan, dan "
                        + "perkembangan harga kebutuhan pokok.", "ekonomi"),
                desk("Laras Ningtyas", "Laras Ningtyas menulis tentang ekonomi digital, perusahaan rintisan, dan "
                        + "dampak teknologi bagi pekerja.", "teknologi", "ekonomi"),
                desk("Farah Nabila", "Farah Nabila meliput perkembangan teknologi, kecerdasan buatan, dan keamanan "
                        + "siber.", "teknologi"),
                desk("Galih Saputro", "Galih Saputro meliput sepak bola nasional, dari kompetisi Liga 1 hingga "
                        + "perjalanan tim nasional.", "sepak-bola", "bulu-tangkis"),
                desk("Hana Widyaningrum", "Hana Widyaningrum mengikuti perjalanan atlet bulu tangkis Indonesia di "
                        + "berbagai turnamen internasional.", "bulu-tangkis", "sepak-bola"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generation
    // ---------------------------------------------------------------------------------------------------------------

    /** Builds the catalog; the result is the same on every call. */
    static DemoCatalog generate() {
        Random rnd = new Random(SEED);
        List<Section> sections = buildSections();
        List<Desk> desks = buildDesks();
        List<DemoStories.Template> templates = DemoStories.templates();

        // Every template is used about equally often; the shuffled order spreads sections over time.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ARTICLE_COUNT; i++) {
            order.add(i % templates.size());
        }
        Collections.shuffle(order, rnd);

        List<Duration> ages = ages(rnd);
        DemoStories.Newsroom newsroom = new DemoStories.Newsroom(
                desks.stream().map(d -> d.reporter().name()).toList());
        Set<String> headlines = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        List<Article> articles = new ArrayList<>();
        // Oldest first, so that recurring people and club coaches stay consistent over time.
        for (int i = ARTICLE_COUNT - 1; i >= 0; i--) {
            int index = order.get(i);
            articles.add(article(templates.get(index), "t" + index, ages.get(i), desks, newsroom, headlines, slugs,
                    rnd));
        }
        Collections.reverse(articles);
        articles = markHits(articles, rnd);
        return new DemoCatalog(sections, desks.stream().map(Desk::reporter).toList(), articles);
    }

    /**
     * Ages in ascending order: a third within the last three days, the rest spread evenly up to 29.5 days, each with
     * a little jitter and rounded to the minute.
     */
    private static List<Duration> ages(Random rnd) {
        List<Duration> ages = new ArrayList<>();
        int older = ARTICLE_COUNT - RECENT_COUNT;
        for (int i = 0; i < RECENT_COUNT; i++) {
            ages.add(spread(MIN_AGE, RECENT_LIMIT, i, RECENT_COUNT, rnd));
        }
        for (int i = 0; i < older; i++) {
            ages.add(spread(RECENT_LIMIT, MAX_AGE, i, older, rnd));
        }
        return ages;
    }

    private static Duration spread(Duration from, Duration to, int index, int count, Random rnd) {
        long span = to.toMinutes() - from.toMinutes();
        long minutes = from.toMinutes() + (long) (span * (index + rnd.nextDouble()) / count);
        return Duration.ofMinutes(Math.max(from.toMinutes(), Math.min(minutes, to.toMinutes() - 1)));
    }

    private static Article article(DemoStories.Template template, String templateKey, Duration age, List<Desk> desks,
            DemoStories.Newsroom newsroom, Set<String> headlines, Set<String> slugs, Random rnd) {
        DemoStories.Slots slots = null;
        String headline = null;
        for (int attempt = 0; headline == null; attempt++) {
            if (attempt > 500) {
                throw new IllegalStateException("No fresh headline for " + template.headlines());
            }
            slots = new DemoStories.Slots(rnd, newsroom, templateKey);
            String candidate = slots.fill(template.headlines().get(rnd.nextInt(template.headlines().size())));
            if (candidate.length() <= MAX_HEADLINE && headlines.add(candidate)) {
                headline = candidate;
            }
        }
        String section = template.section();
        String slug = uniqueSlug(headline, slugs);
        String summary = slots.fill(template.summary());
        List<Block> body = body(template, slots, rnd);
        Image image = new Image("/media/demo/" + slug + ".jpg", slots.fill(template.caption()),
                DemoStories.CREDITS.get(rnd.nextInt(DemoStories.CREDITS.size())), slots.fill(template.alt()), 1280,
                720);
        slots.commit();
        return new Article(slug, headline, summary, section, reporters(section, desks, rnd), tags(template, rnd), age,
                body, image, false);
    }

    /**
     * Four to seven blocks: the lead paragraph(s), exactly one quote, in about a third of articles one sub-heading,
     * then the remaining paragraphs. Template paragraphs come first, section background paragraphs fill up the rest.
     */
    private static List<Block> body(DemoStories.Template template, DemoStories.Slots slots, Random rnd) {
        int blocks = 4 + rnd.nextInt(4);
        boolean heading = rnd.nextInt(3) == 0;
        int paragraphs = blocks - 1 - (heading ? 1 : 0);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < Math.min(paragraphs, template.paragraphs().size()); i++) {
            texts.add(slots.fill(template.paragraphs().get(i)));
        }
        List<String> extras = new ArrayList<>(DemoStories.EXTRA_PARAGRAPHS.get(template.section()));
        Collections.shuffle(extras, rnd);
        for (int i = 0; texts.size() < paragraphs; i++) {
            texts.add(slots.fill(extras.get(i)));
        }
        int lead = paragraphs >= 3 ? 2 : 1;
        List<Block> body = new ArrayList<>();
        for (int i = 0; i < lead; i++) {
            body.add(new Block(BlockType.PARAGRAPH, texts.get(i), null));
        }
        body.add(new Block(BlockType.QUOTE, slots.fill(template.quote()), slots.speaker(template.speaker())));
        if (heading) {
            List<String> options = DemoStories.HEADINGS.get(template.section());
            body.add(new Block(BlockType.HEADING, options.get(rnd.nextInt(options.size())), null));
        }
        for (int i = lead; i < texts.size(); i++) {
            body.add(new Block(BlockType.PARAGRAPH, texts.get(i), null));
        }
        return List.copyOf(body);
    }

    /** One reporter from the section's desk, sometimes a second one. */
    private static List<String> reporters(String section, List<Desk> desks, Random rnd) {
        List<String> candidates = desks.stream().filter(d -> d.beats().contains(section))
                .map(d -> d.reporter().slug()).toList();
        List<String> chosen = new ArrayList<>();
        chosen.add(candidates.get(rnd.nextInt(candidates.size())));
        if (candidates.size() > 1 && rnd.nextInt(5) == 0) {
            String second;
            do {
                second = candidates.get(rnd.nextInt(candidates.size()));
            } while (chosen.contains(second));
            chosen.add(second);
        }
        return List.copyOf(chosen);
    }

    /**
     * The template's tags: all of them when it has one or two; with three, the first plus one or both of the others.
     */
    private static List<String> tags(DemoStories.Template template, Random rnd) {
        List<String> all = template.tags();
        if (all.size() < 3) {
            return List.copyOf(all);
        }
        return switch (rnd.nextInt(3)) {
            case 0 -> List.of(all.get(0), all.get(1));
            case 1 -> List.of(all.get(0), all.get(2));
            default -> List.copyOf(all.subList(0, 3));
        };
    }

    /** Flags a few recent articles, from different sections, as hits. */
    private static List<Article> markHits(List<Article> articles, Random rnd) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            if (articles.get(i).age().compareTo(HIT_LIMIT) < 0) {
                candidates.add(i);
            }
        }
        Collections.shuffle(candidates, rnd);
        Set<Integer> hits = new HashSet<>();
        Set<String> hitSections = new HashSet<>();
        for (int i : candidates) {
            if (hits.size() < HIT_COUNT && hitSections.add(articles.get(i).sectionSlug())) {
                hits.add(i);
            }
        }
        for (int i : candidates) {
            if (hits.size() < HIT_COUNT) {
                hits.add(i);
            }
        }
        List<Article> result = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            result.add(hits.contains(i) ? new Article(a.slug(), a.headline(), a.summary(), a.sectionSlug(),
                    a.reporterSlugs(), a.tags(), a.age(), a.body(), a.image(), true) : a);
        }
        return result;
    }

    private static String uniqueSlug(String headline, Set<String> taken) {
        String base = slug(headline, MAX_SLUG);
        String slug = base;
        for (int n = 2; !taken.add(slug); n++) {
            String suffix = "-" + n;
            slug = slug(base, MAX_SLUG - suffix.length()) + suffix;
        }
        return slug;
    }

    /**
     * Lower-case ASCII letters and digits joined by single hyphens, cut at a word boundary to at most
     * {@code maxLength} characters (same rules as the application's slug helper).
     */
    static String slug(String text, int maxLength) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = decomposed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > maxLength) {
            slug = slug.substring(0, maxLength);
            int cut = slug.lastIndexOf('-');
            if (cut > maxLength / 2) {
                slug = slug.substring(0, cut);
            }
            slug = slug.replaceAll("-+$", "");
        }
        return slug;
    }
}
