package news.graphql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * Fields are wired one way (see docs/code.md, "How fields are wired"): annotated methods of {@code *Controller}s,
 * except the fields listed in {@link PlainFields}, wired in one {@code *Fields} class per feature; every DataLoader
 * registered by a {@link FieldLoaders} bean. A fourth way fails here.
 */
class WiringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("news");

    /** By name: classes outside the project are not imported (see archunit.properties). */
    private static final DescribedPredicate<JavaClass> WIRING = DescribedPredicate.describe(
            "implement RuntimeWiringConfigurer",
            c -> !c.isInterface()
                    && c.getAllRawInterfaces().stream()
                            .anyMatch(i -> i.getName().equals(RuntimeWiringConfigurer.class.getName())));

    @Test
    void annotatedFields_liveInControllers() {
        methods()
                .that()
                .areAnnotatedWith(QueryMapping.class)
                .or()
                .areAnnotatedWith(MutationMapping.class)
                .or()
                .areAnnotatedWith(SubscriptionMapping.class)
                .or()
                .areAnnotatedWith(SchemaMapping.class)
                .should()
                .beDeclaredInClassesThat()
                .areAnnotatedWith(Controller.class)
                .andShould()
                .beDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Controller")
                .check(CLASSES);
    }

    @Test
    void batchLoaders_areRegisteredOnlyByFieldLoaders() {
        noMethods()
                .should()
                .beAnnotatedWith(BatchMapping.class)
                .because("every DataLoader is registered by a FieldLoaders bean, named, and keyed by something"
                        + " cheap to hash")
                .check(CLASSES);
        noClasses()
                .should()
                .accessTargetWhere(registryCalledOutside())
                .because("loaders are registered in FieldLoaders.register, not in constructors or elsewhere")
                .check(CLASSES);
    }

    @Test
    void dataFetchers_areWiredOnlyThroughPlainFields() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(PlainFields.class)
                .should()
                .callMethod(RuntimeWiring.Builder.class, "type", String.class, java.util.function.UnaryOperator.class)
                .orShould()
                .callMethod(RuntimeWiring.Builder.class, "type", TypeRuntimeWiring.class)
                .orShould()
                .callMethod(RuntimeWiring.Builder.class, "type", TypeRuntimeWiring.Builder.class)
                .orShould()
                .callMethod(TypeRuntimeWiring.Builder.class, "dataFetcher", String.class, DataFetcher.class)
                .orShould()
                .callMethod(TypeRuntimeWiring.Builder.class, "dataFetchers", Map.class)
                .orShould()
                .callMethod(TypeRuntimeWiring.Builder.class, "defaultDataFetcher", DataFetcher.class)
                .orShould()
                .callMethod(TypeRuntimeWiring.class, "newTypeWiring", String.class)
                .because("a plain data fetcher is for the fields listed in PlainFields, with the reason")
                .check(CLASSES);
    }

    @Test
    void plainFields_areWiredByOneFieldsClassPerFeature() {
        classes().that(WIRING).should().haveSimpleNameEndingWith("Fields").check(CLASSES);
        Map<String, List<String>> byPackage = CLASSES.stream()
                .filter(WIRING)
                .collect(Collectors.groupingBy(
                        JavaClass::getPackageName,
                        TreeMap::new,
                        Collectors.mapping(JavaClass::getSimpleName, Collectors.toList())));
        assertThat(byPackage)
                .isNotEmpty()
                .allSatisfy((pkg, wiring) -> assertThat(wiring)
                        .as("classes wiring plain fields in %s", pkg)
                        .hasSize(1));
    }

    @Test
    void plainFields_refusesAFieldNotListed() {
        DataFetcher<Object> fetcher = env -> null;
        assertThatThrownBy(() -> PlainFields.wire(RuntimeWiring.newRuntimeWiring(), "Query", Map.of("search", fetcher)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Query.search");
        assertThat(PlainFields.listed("Query", "latest")).isTrue();
        assertThat(PlainFields.listed("Article", "views")).isFalse();
    }

    /** A call to Spring's loader registry from anywhere but {@code register} of a {@link FieldLoaders}. */
    private static DescribedPredicate<JavaAccess<?>> registryCalledOutside() {
        return DescribedPredicate.describe("BatchLoaderRegistry called outside FieldLoaders.register", access -> {
            String owner = access.getTargetOwner().getName();
            if (!owner.startsWith(BatchLoaderRegistry.class.getName())) {
                return false;
            }
            JavaClass origin = access.getOriginOwner();
            boolean inRegister = access.getOrigin().getName().equals("register")
                    || access.getOrigin().getName().startsWith("lambda$register$");
            return !(inRegister && origin.isAssignableTo(FieldLoaders.class))
                    && !origin.isEquivalentTo(GraphQlConfiguration.class);
        });
    }
}
