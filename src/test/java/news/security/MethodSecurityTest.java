package news.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.access.prepost.PreFilter;
import org.springframework.security.authorization.method.AuthorizeReturnObject;
import org.springframework.stereotype.Controller;

/**
 * Method security applies {@code @PreAuthorize} only, and only to the service's GraphQL controllers
 * ({@code SecurityConfiguration.preAuthorizeOnTheControllers}): a guard written with another annotation, or on
 * another class, would be silently ignored, so none may be. That the {@code @PreAuthorize} guards hold is
 * {@code MutationGuardTest}'s and the editor-query tests' part.
 */
class MethodSecurityTest {

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("news");

    static final List<Class<? extends Annotation>> NOT_APPLIED = List.of(
            PostAuthorize.class,
            PreFilter.class,
            PostFilter.class,
            Secured.class,
            RolesAllowed.class,
            AuthorizeReturnObject.class);

    @Test
    void noClassOrMethod_usesAGuardAnnotationThatIsNotApplied() {
        for (Class<? extends Annotation> annotation : NOT_APPLIED) {
            noClasses()
                    .should()
                    .beAnnotatedWith(annotation)
                    .because("only @PreAuthorize is applied")
                    .check(SERVICE);
            noMethods()
                    .should()
                    .beAnnotatedWith(annotation)
                    .because("only @PreAuthorize is applied")
                    .allowEmptyShould(true)
                    .check(SERVICE);
        }
    }

    @Test
    void preAuthorize_isOnlyFoundOnControllers() {
        classes()
                .that()
                .areAnnotatedWith(PreAuthorize.class)
                .should()
                .beMetaAnnotatedWith(Controller.class)
                .because("@PreAuthorize is applied to controllers only")
                .check(SERVICE);
        methods()
                .that()
                .areAnnotatedWith(PreAuthorize.class)
                .should()
                .beDeclaredInClassesThat()
                .areMetaAnnotatedWith(Controller.class)
                .because("@PreAuthorize is applied to controllers only")
                .allowEmptyShould(true)
                .check(SERVICE);
        assertThat(SERVICE.stream().filter(c -> c.isAnnotatedWith(PreAuthorize.class)))
                .as("guarded controllers")
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(c -> assertThat(SecurityConfiguration.isTheServicesController(c.reflect()))
                        .as(c.getName())
                        .isTrue());
        assertThat(SecurityConfiguration.isTheServicesController(SecurityConfiguration.class))
                .isFalse();
        assertThat(SecurityConfiguration.isTheServicesController(org.jooq.impl.DefaultDSLContext.class))
                .isFalse();
    }
}
