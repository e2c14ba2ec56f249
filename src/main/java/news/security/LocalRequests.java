package news.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Tells requests made on this machine from everything else: the connection comes from a loopback address and no
 * proxy forwarded it. A reverse proxy on the same host connects from loopback too, but it adds forwarding headers,
 * so its requests (readers' requests) do not count as local.
 */
final class LocalRequests {

    static final List<String> FORWARDING_HEADERS = List.of(
            "Forwarded",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Proto",
            "X-Forwarded-Port",
            "X-Forwarded-Prefix",
            "X-Real-IP",
            "X-Client-IP",
            "True-Client-IP",
            "CF-Connecting-IP",
            "Via");

    private LocalRequests() {}

    static boolean fromThisMachine(ServerRequest request) {
        return fromThisMachine(request.servletRequest());
    }

    static boolean fromThisMachine(HttpServletRequest request) {
        // The container's own request: a wrapper (Spring's ForwardedHeaderFilter) may hide forwarding headers and
        // report an address taken from them, which the client chose.
        ServletRequest original = request;
        while (original instanceof ServletRequestWrapper wrapper) {
            original = wrapper.getRequest();
        }
        if (!(original instanceof HttpServletRequest container)) {
            return false;
        }
        for (String header : FORWARDING_HEADERS) {
            if (container.getHeader(header) != null) {
                return false;
            }
        }
        return isLoopback(container.getRemoteAddr());
    }

    private static boolean isLoopback(String address) {
        // The container reports a literal address; anything else (a host name) is not trusted to be local.
        if (address == null || address.isEmpty() || !address.matches("[0-9a-fA-F:.%\\[\\]]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException ex) {
            return false;
        }
    }
}
