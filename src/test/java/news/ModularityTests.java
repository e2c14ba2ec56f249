package news;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules under {@code news} and what each may use. Each top-level package is a Spring Modulith module that
 * declares, in its {@code package-info.java}, the modules it may use ({@code @ApplicationModule(allowedDependencies =
 * ...)}); {@link #modules_keepTheirDeclaredBoundaries()} verifies them (allowed dependencies, named interfaces, no
 * cycles), and the rules here keep those declarations a true map of the code: every package declares its
 * dependencies, and every declared dependency is in use. Within every package, only its repositories use jOOQ. Within
 * {@code analytics}, its parts depend on each other in one direction.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(NewsApplication.class);

    /** Where the module diagrams are kept; the architecture documentation links to them. */
    static final Path DIAGRAMS = Path.of("docs", "modules");

    /** The packages of jOOQ and of the code generated from the migrations; SQL is written with them. */
    static final String[] JOOQ = {"org.jooq..", "news.db.."};

    /** Classes that configure jOOQ itself, so they need its types without writing any SQL. */
    static final Set<String> JOOQ_CONFIGURATION = Set.of(
            "news.database.DatabaseAvailabilityConfiguration", "news.database.RenderedStatements", "news.database.Row");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("news");

    /**
     * Module to the modules it may use, as its {@code package-info.java} declares them; a named interface
     * ({@code "analytics :: events"}) counts as its module here, and Modulith checks the interface itself.
     */
    static final Map<String, Set<String>> ALLOWED = declaredDependencies();

    @Test
    void modules_keepTheirDeclaredBoundaries() {
        MODULES.verify();
    }

    /** The parts of analytics ({@code ingest}, {@code ranking}, {@code report}) never depend on each other in a loop. */
    @Test
    void analyticsParts_haveNoCycles() {
        slices().matching("news.analytics.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * The parts of analytics depend in one direction: {@code report} reads {@code ingest}, {@code ranking} and
     * {@code readers}; {@code ranking} reads {@code readers}; {@code ingest}, {@code ranking} and {@code readers} do
     * not know {@code report} nor each other otherwise; {@code alerts} uses none of the others and none uses it; the
     * shared package at the top uses none of them.
     */
    @Test
    void analyticsParts_dependInOneDirection() {
        noClasses()
                .that()
                .resideInAPackage("news.analytics.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("news.analytics.ranking..", "news.analytics.report..", "news.analytics.alerts..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("news.analytics.ranking..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("news.analytics.ingest..", "news.analytics.report..", "news.analytics.alerts..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("news.analytics.alerts..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "news.analytics.ingest..",
                        "news.analytics.ranking..",
                        "news.analytics.readers..",
                        "news.analytics.report..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("news.analytics.report..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("news.analytics.alerts..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("news.analytics.readers..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "news.analytics.ingest..",
                        "news.analytics.ranking..",
                        "news.analytics.report..",
                        "news.analytics.alerts..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("news.analytics")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "news.analytics.ingest..",
                        "news.analytics.ranking..",
                        "news.analytics.readers..",
                        "news.analytics.report..",
                        "news.analytics.alerts..")
                .check(CLASSES);
    }

    /**
     * Writes the module diagrams (PlantUML, C4 style: all modules, and each with its neighbours) to
     * {@code docs/modules}, and fails when they differ from the committed ones, so a change of the module structure
     * comes with its diagrams: run this test and commit what it wrote. The Documenter lists components and relations
     * in no fixed order, so each run of them is sorted before it is kept.
     */
    @Test
    void moduleDiagrams_matchTheCode() throws IOException {
        Map<String, String> before = read(DIAGRAMS);
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DIAGRAMS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        for (Map.Entry<String, String> file : read(DIAGRAMS).entrySet()) {
            Files.writeString(DIAGRAMS.resolve(file.getKey()), sortedElements(file.getValue()));
        }
        assertThat(read(DIAGRAMS))
                .as("diagrams in %s, now regenerated: commit them", DIAGRAMS)
                .isNotEmpty()
                .isEqualTo(before);
    }

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
    void everyTopLevelPackage_declaresItsDependencies() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            String name = topLevel(c.getPackageName());
            if (name != null) {
                packages.add(name);
            }
        }
        assertThat(packages)
                .as("top-level packages under news; give a new one @ApplicationModule(allowedDependencies = ...) in its"
                        + " package-info.java")
                .isEqualTo(ALLOWED.keySet());
    }

    /** Keeps the declarations a true map of the code: a dependency nothing uses any more is taken out. */
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

    private static Map<String, Set<String>> declaredDependencies() {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (ApplicationModule module : MODULES) {
            String name = module.getBasePackage().getName();
            org.springframework.modulith.ApplicationModule annotation = packageInfo(name);
            if (annotation == null
                    || List.of(annotation.allowedDependencies())
                            .contains(org.springframework.modulith.ApplicationModule.OPEN_TOKEN)) {
                continue;
            }
            Set<String> modules = new TreeSet<>();
            for (String dependency : annotation.allowedDependencies()) {
                modules.add(dependency.split("::")[0].trim());
            }
            declared.put(topLevel(name), modules);
        }
        return declared;
    }

    private static org.springframework.modulith.ApplicationModule packageInfo(String packageName) {
        try {
            return Class.forName(packageName + ".package-info")
                    .getAnnotation(org.springframework.modulith.ApplicationModule.class);
        } catch (ClassNotFoundException ex) {
            return null;
        }
    }

    /** The diagram with each run of consecutive {@code Component(...)} or {@code Rel(...)} lines sorted. */
    private static String sortedElements(String diagram) {
        List<String> lines = new ArrayList<>(List.of(diagram.split("\n", -1)));
        int start = 0;
        while (start < lines.size()) {
            String kind = elementKind(lines.get(start));
            int end = start + 1;
            while (kind != null && end < lines.size() && kind.equals(elementKind(lines.get(end)))) {
                end++;
            }
            Collections.sort(lines.subList(start, end));
            start = end;
        }
        return String.join("\n", lines);
    }

    private static String elementKind(String line) {
        String element = line.strip();
        return element.startsWith("Component(") || element.startsWith("Rel(") ? element.substring(0, 4) : null;
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listing = Files.list(folder)) {
                for (Path file : listing.toList()) {
                    files.put(file.getFileName().toString(), Files.readString(file));
                }
            }
        }
        return files;
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
