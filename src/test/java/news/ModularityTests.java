package news;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages under {@code news} and what each may use. A dependency not in {@link #ALLOWED} fails the build until
 * it is added here on purpose, and no two packages may ever depend on each other, however indirectly. Within every
 * package, only its repositories use jOOQ.
 */
class ModularityTests {

    /**
     * Feature package to the packages it may use. {@code db} is the jOOQ code generated from the migrations: only the
     * packages that own tables use it. {@code site} holds the site-wide settings and the clock, so it uses nothing.
     */
    static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            entry(
                    "analytics",
                    Set.of("content", "article", "section", "reporter", "graphql", "site", "web", "database", "db")),
            entry("article", Set.of("content", "database", "section", "reporter", "tag", "graphql", "db")),
            entry("content", Set.of("db")),
            entry("dashboard", Set.of()),
            entry("database", Set.of()),
            entry("db", Set.of()),
            entry("demo", Set.of("security", "support", "site", "db")),
            entry("edge", Set.of("content", "analytics", "article", "section", "reporter", "tag")),
            entry("graphql", Set.of("site", "database")),
            entry("live", Set.of("content", "article", "section")),
            entry(
                    "newsroom",
                    Set.of("content", "article", "section", "reporter", "security", "support", "graphql", "db")),
            entry("node", Set.of("article", "section", "reporter", "tag", "graphql")),
            entry("persisted", Set.of()),
            entry("reporter", Set.of("content", "graphql", "db")),
            entry("search", Set.of("content", "article", "section", "graphql", "db")),
            entry("section", Set.of("content", "graphql", "db")),
            entry("security", Set.of("database", "graphql")),
            entry("site", Set.of()),
            entry("support", Set.of()),
            entry("tag", Set.of("content", "graphql", "db")),
            entry("web", Set.of())));

    /** The packages of jOOQ and of the code generated from the migrations; SQL is written with them. */
    static final String[] JOOQ = {"org.jooq..", "news.db.."};

    /** Classes that configure jOOQ itself, so they need its types without writing any SQL. */
    static final Set<String> JOOQ_CONFIGURATION = Set.of(
            "news.database.DatabaseAvailabilityConfiguration", "news.database.RenderedStatements", "news.database.Row");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("news");

    @Test
    void topLevelPackages_haveNoCycles() {
        slices().matching("news.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void featurePackages_useOnlyThePackagesListedForThem() {
        LayeredArchitecture rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : ALLOWED.keySet()) {
            rule = rule.layer(name).definedBy("news." + name + "..");
        }
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            String[] allowed = new TreeSet<>(e.getValue()).toArray(String[]::new);
            rule = allowed.length == 0
                    ? rule.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : rule.whereLayer(e.getKey()).mayOnlyAccessLayers(allowed);
        }
        rule.check(CLASSES);
    }

    @Test
    void everyTopLevelPackage_isListed() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            String name = topLevel(c.getPackageName());
            if (name != null) {
                packages.add(name);
            }
        }
        assertThat(packages)
                .as("top-level packages under news; give a new one its row in ALLOWED")
                .isEqualTo(ALLOWED.keySet());
    }

    /** Keeps the table a true map of the code: an entry nothing uses any more is taken out. */
    @Test
    void everyListedDependency_isInUse() {
        Map<String, Set<String>> used = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            String from = topLevel(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topLevel(d.getTargetClass().getBaseComponentType().getPackageName());
                if (from != null && to != null && !from.equals(to)) {
                    used.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        ALLOWED.forEach((from, allowed) -> assertThat(used.getOrDefault(from, Set.of()))
                .as("packages that %s uses", from)
                .containsAll(allowed));
    }

    /**
     * SQL only in repositories: outside the classes named {@code *Repository} (with their nested classes), the
     * generated code itself and the jOOQ configuration, nothing uses jOOQ or the generated tables. Other classes
     * pass records and plain values to a repository of their package.
     */
    @Test
    void onlyRepositories_useJooqOrTheGeneratedDatabaseCode() {
        noClasses()
                .that(not(resideInAnyPackage("news.db..")))
                .and(not(mayUseJooq()))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(JOOQ)
                .because("SQL is written only in repositories; other classes hand them records of plain values")
                .check(CLASSES);
    }

    /** Keeps the exceptions honest: each one still uses jOOQ, or it is taken out of the list. */
    @Test
    void everyJooqException_stillUsesJooq() {
        Set<String> exceptions = new TreeSet<>(JOOQ_CONFIGURATION);
        Set<String> using = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                if (resideInAnyPackage(JOOQ).test(d.getTargetClass().getBaseComponentType())) {
                    using.add(outermost(c).getName());
                }
            }
        }
        assertThat(using).as("classes using jOOQ").containsAll(exceptions);
    }

    private static DescribedPredicate<JavaClass> mayUseJooq() {
        return DescribedPredicate.describe("a *Repository class or jOOQ configuration", c -> {
            JavaClass owner = outermost(c);
            return owner.getSimpleName().endsWith("Repository") || JOOQ_CONFIGURATION.contains(owner.getName());
        });
    }

    /** The top-level class a nested or anonymous class belongs to. */
    private static JavaClass outermost(JavaClass c) {
        JavaClass owner = c;
        while (owner.getEnclosingClass().isPresent()) {
            owner = owner.getEnclosingClass().get();
        }
        return owner;
    }

    /** {@code analytics} for {@code news.analytics.x}; null outside the packages under {@code news}. */
    private static String topLevel(String packageName) {
        if (!packageName.startsWith("news.")) {
            return null;
        }
        String rest = packageName.substring("news.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
