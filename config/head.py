"""A HEAD request is answered with the headers a GET would get and no body (RFC 9110, 9.3.2).

Django leaves dropping the body to the server; gunicorn drops it and logs a warning each time, so
every HEAD (a load balancer's probe, a link checker, a browser checking a cached page) put a warning in
the log. First in MIDDLEWARE, so that the length a GET would have (set by CommonMiddleware, or by the
page cache for a cached page) stays in Content-Length."""


class HeadWithoutBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []  # a file stays open until the server closes the response
            else:
                response.content = b""
        return response
