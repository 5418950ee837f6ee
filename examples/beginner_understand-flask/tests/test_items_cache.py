"""The cached list of items: kept in the cache, forgotten when a item changes."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from first_steps import database
from first_steps.items import listing

from .conftest import clean_up, make_app
from .test_items import add_item


def refuse(*args: object) -> None:
    raise AssertionError("the list was read from the database, not the cache")


def test_the_list_comes_from_the_cache_until_a_item_changes(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    item_id = add_item(app, title="Cached title")
    with app.app_context():
        first = listing.page_of_items(1, 10)
        assert [row["title"] for row in first.items] == ["Cached title"]
        monkeypatch.setattr(listing, "list_items", refuse)
        assert listing.page_of_items(1, 10) == first  # from the cache

        item = database.get(listing.Item, item_id)
        item.title = "New title"
        database.save(item)  # a new version: the cached pages are no longer used
        with pytest.raises(AssertionError, match="not the cache"):
            listing.page_of_items(1, 10)
        monkeypatch.undo()
        assert [row["title"] for row in listing.page_of_items(1, 10).items] == ["New title"]


def test_the_list_page_shows_a_change_at_once(app: Flask, client: FlaskClient) -> None:
    item_id = add_item(app, title="Before")
    assert "Before" in client.get("/items/").get_data(as_text=True)
    with app.app_context():
        database.delete(database.get(listing.Item, item_id))
    assert "Before" not in client.get("/items/").get_data(as_text=True)


def test_the_list_is_read_from_the_database_while_redis_does_not_answer(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    redis_down = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    app = make_app(tmp_path, **redis_down, CACHE_OPTIONS={"socket_connect_timeout": 1})
    try:
        add_item(app, title="Still listed")
        response = app.test_client().get("/items/")
        assert response.status_code == 200
        assert "Still listed" in response.get_data(as_text=True)
    finally:
        clean_up(app)
