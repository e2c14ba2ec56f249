vcl 4.1;
# Varnish (7.x, with varnish-modules' xkey) in front of the news service.
#
# - Answers are tagged with the service's Surrogate-Key header (space-separated keys), as xkey reads them.
# - PURGE with an `xkey-purge: <keys>` header drops every object tagged with any of the keys; the service sends these
#   when news.edge.purge.varnish-urls names this host. Only the addresses in the `purgers` ACL may purge.
# - Everything else is Varnish's built-in behaviour: requests with Authorization or Cookie pass, answers are kept for
#   their Cache-Control max-age, stale-while-revalidate becomes grace, and Vary: Accept is honoured.
#
# Change the backend (and the ACL) to your service's address.

import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8080";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
}

sub vcl_deliver {
    # The keys stay visible to clients in Surrogate-Key; xkey is Varnish's copy.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
