package news.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.IntegrationTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Live connections never take Tomcat's last connections: the service refuses to start with bounds that would let
 * clients holding live connections keep new readers out, and the running service leaves plain HTTP its reserve.
 */
@IntegrationTest
class LiveBoundsTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    LiveProperties settings;

    @Test
    void liveBoundsThatLeaveHttpLessThanItsReserve_refuseToStart_namingBothSettings() {
        assertThatThrownBy(() -> LiveBounds.checkRoomForHttp(10_000, 8_192))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("news.live.max-connections (10000)")
                .hasMessageContaining("server.tomcat.max-connections (8192)");
        assertThatThrownBy(() -> LiveBounds.checkRoomForHttp(11_001, 12_000)).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> LiveBounds.checkRoomForHttp(11_000, 12_000)).doesNotThrowAnyException();
        assertThatCode(() -> LiveBounds.checkRoomForHttp(10_000, -1))
                .as("Tomcat without a bound")
                .doesNotThrowAnyException();
    }

    @Test
    void theRunningTomcat_acceptsTheLiveBoundAndItsReserveForHttp() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        int tomcat = Integer.parseInt(String.valueOf(connector.getProperty("maxConnections")));
        assertThat(tomcat).isGreaterThanOrEqualTo(settings.maxConnections() + LiveBounds.HTTP_RESERVE);
    }
}
