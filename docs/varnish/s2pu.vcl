# Varnish in front of the app servers (docs/deployment.md#front-cache): keeps the public pages that
# the site marks public, for as long as their s-maxage says, and forgets a page when Wagtail purges
# it on publish (wagtail.contrib.frontend_cache, FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:6081).
vcl 4.1;

# gunicorn (docs/systemd/s2pu.service); with several app servers, a director over them.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers, which send PURGE when a page is published or unpublished.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Only the pages in a language are kept; the admin, the API, documents and the rest pass.
    if (req.url !~ "^/(nb|uk|en)/") {
        return (pass);
    }
    # A signed-in user or a pending message: never from the cache, never into it.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|__Host-sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie (the CSRF token, the language choice) does not change a page: one copy for all.
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_backend_response {
    # Only what the site says may be shared: a 200 without a cookie and without private/no-cache.
    if (beresp.status != 200 || beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(private|no-cache|no-store)" ||
        beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    # What the front cache did, for checks and tests; browsers keep the page max-age seconds at most.
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
