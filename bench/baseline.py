"""The baseline: a bare Pyramid "hello world" (with a 304 path) on the same waitress settings."""
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPNotModified
from pyramid.response import Response

ETAG = "hello-1"


def hello(request):
    if ETAG in request.if_none_match:
        return HTTPNotModified(headers={"ETag": f'"{ETAG}"'})
    response = Response("<!DOCTYPE html><html lang='en'><body><h1>Hello world</h1></body></html>")
    response.headers["ETag"] = f'"{ETAG}"'
    return response


def make_app():
    with Configurator() as config:
        config.add_route("hello", "/{anything:.*}")
        config.add_view(hello, route_name="hello")
    return config.make_wsgi_app()
