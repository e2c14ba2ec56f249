package news.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import news.HttpTestBase;
import news.TestHttp;
import news.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A developer's machine: the embedded PostgreSQL and no token settings at all, so the service signs its own tokens
 * and {@code POST /dev/token} exists, but only for requests made on this machine. Requests from another address of
 * the machine (a real connection to its non-loopback interface) and requests a proxy forwarded get the same 404 as
 * any unknown path.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"news.embedded-postgres.data-directory=", "news.demo-data.enabled=false"})
class DevelopmentModeTest extends HttpTestBase {

    @Autowired
    ObjectProvider<DevelopmentMode> developmentMode;

    WebTestClient http(String host) {
        return TestHttp.client("http://" + host + ":" + port);
    }

    @Test
    void devToken_fromThisMachine_mintsTokensThatWork() {
        assertThat(developmentMode.getIfAvailable()).isNotNull();
        String token = http("127.0.0.1")
                .post()
                .uri("/dev/token?sub=dewi&roles=EDITOR")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody()
                .strip();
        graphQlClient()
                .mutate()
                .headers(Tokens.bearer(token))
                .build()
                .document("{ drafts(first: 1) { totalCount } }")
                .execute()
                .errors()
                .verify();
        http("127.0.0.1")
                .post()
                .uri("/dev/token?sub=dewi&roles=ROOT")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void devToken_fromAnotherAddress_isAnUnknownPath() {
        Optional<InetAddress> external = nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        String host = external.get().getHostAddress();
        // The same running service, reached over the network interface: the connection is not from loopback.
        http(host).get().uri("/actuator/health").exchange().expectStatus().isOk();
        String unknown = http(host)
                .post()
                .uri("/dev/tokens?sub=x&roles=ADMIN")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String devToken = http(host)
                .post()
                .uri("/dev/token?sub=x&roles=ADMIN")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(devToken).isEqualTo(unknown.replace("/dev/tokens", "/dev/token"));
    }

    @Test
    void devToken_forwardedByAProxy_isAnUnknownPath() {
        for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
            http("127.0.0.1")
                    .post()
                    .uri("/dev/token?sub=x&roles=ADMIN")
                    .header(header, header.equals("Forwarded") ? "for=203.0.113.9" : "203.0.113.9")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(404);
        }
    }

    @Test
    void localRequests_areLoopbackConnectionsThatNoProxyForwarded() {
        assertThat(LocalRequests.fromThisMachine(from("127.0.0.1"))).isTrue();
        assertThat(LocalRequests.fromThisMachine(from("127.0.0.53"))).isTrue();
        assertThat(LocalRequests.fromThisMachine(from("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(LocalRequests.fromThisMachine(from("::1"))).isTrue();
        assertThat(LocalRequests.fromThisMachine(from("192.0.2.2"))).isFalse();
        assertThat(LocalRequests.fromThisMachine(from("10.1.2.3"))).isFalse();
        assertThat(LocalRequests.fromThisMachine(from("2001:db8::1"))).isFalse();
        assertThat(LocalRequests.fromThisMachine(from("localhost")))
                .as("a name, not an address")
                .isFalse();
        assertThat(LocalRequests.fromThisMachine(from(""))).isFalse();
        for (String header : LocalRequests.FORWARDING_HEADERS) {
            MockHttpServletRequest proxied = from("127.0.0.1");
            proxied.addHeader(header, "203.0.113.9");
            assertThat(LocalRequests.fromThisMachine(proxied)).as(header).isFalse();
        }
        // A wrapper that claims loopback (as Spring's ForwardedHeaderFilter does from a client's X-Forwarded-For)
        // does not hide the real connection.
        MockHttpServletRequest remote = from("203.0.113.9");
        assertThat(LocalRequests.fromThisMachine(new HttpServletRequestWrapper(remote) {

                    @Override
                    public String getRemoteAddr() {
                        return "127.0.0.1";
                    }
                }))
                .isFalse();
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/dev/token");
        request.setRemoteAddr(address);
        return request;
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        } catch (SocketException ex) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
