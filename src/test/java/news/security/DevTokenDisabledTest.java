package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * {@code news.security.dev-token.enabled=false} removes the endpoint even on a developer's machine: no route answers
 * {@code POST /dev/token}, so it is an unknown path like any other (whose 404 {@link DevelopmentModeTest} checks over
 * HTTP). Only the setting differs from a developer's machine, so an {@code ApplicationContextRunner} decides it
 * without starting a service.
 */
class DevTokenDisabledTest {

    // The condition looks at bean definitions, so a definition stands in for a running embedded PostgreSQL.
    final ApplicationContextRunner developersMachine = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DevelopmentModeAutoConfiguration.class, DevTokenAutoConfiguration.class))
            .withBean(EmbeddedPostgres.class, () -> null)
            .withBean(TokenVerification.class, TokenVerification::generatedDevelopmentSecret)
            .withBean(NewsSecurityProperties.class, () -> HttpSecurityTest.properties(null));

    @Test
    void devToken_switchedOff_isAnUnknownPathEvenFromThisMachine() {
        developersMachine.run(context -> {
            assertThat(context).hasSingleBean(DevelopmentMode.class);
            assertThat(routesDevToken(
                            context.getBeansOfType(RouterFunction.class).values()))
                    .as("the route exists when the setting is left alone")
                    .isTrue();
        });
        developersMachine
                .withPropertyValues("news.security.dev-token.enabled=false")
                .run(context -> {
                    assertThat(context).as("still a developer's machine").hasSingleBean(DevelopmentMode.class);
                    assertThat(context).doesNotHaveBean(DevTokenController.class);
                    assertThat(routesDevToken(
                                    context.getBeansOfType(RouterFunction.class).values()))
                            .isFalse();
                });
    }

    /** Whether any route would take {@code POST /dev/token?sub=x&roles=ADMIN} from this machine. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static boolean routesDevToken(java.util.Collection<RouterFunction> routes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/dev/token");
        request.setQueryString("sub=x&roles=ADMIN");
        request.addParameter("sub", "x");
        request.addParameter("roles", "ADMIN");
        request.setRemoteAddr("127.0.0.1");
        ServerRequest server = ServerRequest.create(request, Collections.emptyList());
        return routes.stream().anyMatch(route -> route.route(server).isPresent());
    }
}
