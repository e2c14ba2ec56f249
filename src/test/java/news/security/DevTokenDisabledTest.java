package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import news.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code news.security.dev-token.enabled=false} removes the endpoint even on a developer's machine. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "news.embedded-postgres.data-directory=",
            "news.demo-data.enabled=false",
            "news.security.dev-token.enabled=false"
        })
class DevTokenDisabledTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectProvider<DevelopmentMode> developmentMode;

    @Test
    void devToken_switchedOff_isAnUnknownPathEvenFromThisMachine() {
        assertThat(developmentMode.getIfAvailable())
                .as("still a developer's machine")
                .isNotNull();
        TestHttp.client("http://127.0.0.1:" + port)
                .post()
                .uri("/dev/token?sub=x&roles=ADMIN")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404);
    }
}
