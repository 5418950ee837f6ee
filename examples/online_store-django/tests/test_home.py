from django.template.loader import render_to_string
from django.urls import reverse


def test_home_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Corner Shop" in html


def test_stylesheet_is_linked(client):
    response = client.get(reverse("home"))
    assert b'rel="stylesheet"' in response.content
    assert b"css/site.css" in response.content


def test_page_not_found(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_server_error_page_stands_alone():
    # Rendered without a request, as Django does on a server error.
    assert "<h1>Server error</h1>" in render_to_string("500.html")
