# The help center's reference HTTP cache (docs/decisions/0015-http-cache-and-purges.md).
# Django decides what may be kept (pages.http_cache: `Cache-Control: public, s-maxage`, `Vary`
# on the trusted region header); this file only enforces it and accepts purges
# (pages.purge, through wagtail.contrib.frontend_cache's HTTP backend: FRONTEND_CACHE_URL).
# cms/services/varnish.sh replaces the backend port below with the app server's.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Purges come from the application servers (same machine in the reference setup).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the application only."));
        }
        return (purge);
    }
    # Only geo.middleware writes this header (it keys Django's caches by region): a visitor's
    # own value is dropped, so it cannot split or poison the cache.
    unset req.http.X-Geo-Region;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, health, APIs and form posts' answers are never shared.
    if (req.url ~ "^/(admin|documents|healthz|csp-report|api/|tracking/|jsi18n)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The consent and tracking cookies never change a page (consent.js reads them in the
    # browser); any other cookie (a session: signed-in staff, a preview) bypasses the cache.
    if (req.http.Cookie) {
        set req.http.X-Other-Cookies = regsuball(req.http.Cookie, "(^|;)\s*(hc_consent|hc_aid|hc_sid)=[^;]*", "");
        if (req.http.X-Other-Cookies ~ "[^;\s]") {
            unset req.http.X-Other-Cookies;
            return (pass);
        }
        unset req.http.X-Other-Cookies;
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Kept only when Django said so: public or s-maxage, no cookie set, nothing private.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Vary ~ "(?i)(^|,)\s*(cookie|\*)\s*(,|$)") {
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # A stale copy may answer for a while when the application is down (never after a purge).
    set beresp.grace = 10m;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
