"""find_restaurant: places to eat from the imported OpenStreetMap extract, nearest first. The spoken
answer names the closest three with their distance; the card holds the full list."""

from __future__ import annotations

import dataclasses

from assistant.errors import UserError
from assistant.places.search import Hit, Query, RestaurantDb, spoken_distance
from assistant.places.settings import restaurant_settings
from assistant.plugins import Reply

KIND_WORD = {"cafe": "cafes", "fast_food": "fast food places", "restaurant": "places"}
CARD_LIMIT = 50


def _what(q: Query) -> str:
    words = []
    if q.price:
        words.append(q.price)
    if q.cuisine:
        words.append(q.cuisine.strip())
    words.append(KIND_WORD.get(q.kind or "restaurant", "places"))
    text = " ".join(words)
    return text + (" open now" if q.open_now else "")


def _label(h: Hit) -> str:
    if h.name:
        return h.name
    food = (h.cuisine or "").split(";")[0].replace("_", " ")
    kind = {"cafe": "cafe", "fast_food": "fast food place"}.get(h.kind, "restaurant")
    return f"an unnamed {food + ' ' if food else ''}{kind}"


def _where(origin_name: str) -> str:
    return " near home" if origin_name == "home" else f" near {origin_name}"


def _open_words(h: Hit) -> str:
    if h.open_now is None:
        return "I don't know its opening hours" if not h.opening_hours else f"its hours are {h.opening_hours}"
    return "it's open now" if h.open_now else "it's closed now"


async def handle(args, ctx) -> Reply:
    q = Query(
        cuisine=args.get("cuisine"),
        name=args.get("name"),
        near=args.get("near"),
        price=args.get("price"),
        open_now=bool(args.get("open_now")),
        kind=args.get("kind"),
    )
    try:
        settings = restaurant_settings(ctx.config.restaurants)
        db = RestaurantDb(settings.db_path)
        try:
            home = db.home(settings.home)
            result = db.search(q, home, ctx.now(), settings.max_km)
            relaxed = None
            if not result.hits and not q.name and (q.price or q.open_now):
                # nothing fits every wish: say so, then offer the closest that fit the food and place
                relaxed = db.search(
                    dataclasses.replace(q, price=None, open_now=False), home, ctx.now(), settings.max_km
                )
        finally:
            db.close()
    except UserError as exc:
        return Reply(f"Sorry, {exc}.", {"type": "error", "skill": "find_restaurant", "error": str(exc)})
    hits = result.hits
    where = _where(result.origin.name)
    card = {
        "type": "restaurants",
        "query": {k: v for k, v in args.items() if v not in (None, "")},
        "origin": {"name": result.origin.name, "lat": result.origin.lat, "lon": result.origin.lon},
        "results": [h.card() for h in hits[:CARD_LIMIT]],
        "total": len(hits),
    }
    if q.name:
        if not hits:
            return Reply(f"I couldn't find a place called {q.name}{where}.", card)
        h = hits[0]
        at = f", at {h.address}" if h.address else ""
        return Reply(f"{_label(h)} is {spoken_distance(h.distance_m)} away{at}; {_open_words(h)}.", card)
    what = _what(q)
    if not hits:
        text = f"I found no {what}{where}."
        if relaxed is not None and relaxed.hits:
            h = relaxed.hits[0]
            plain = _what(dataclasses.replace(q, price=None, open_now=False))
            card["results"] = [x.card() for x in relaxed.hits[:CARD_LIMIT]]
            card["relaxed"] = True
            price = "; its prices aren't known" if q.price and h.price is None else ""
            hours = f"; {_open_words(h)}" if q.open_now else ""
            intro = "The closest place" if plain == "places" else f"Of the {plain}, the closest"
            text += f" {intro} is {_label(h)}, {spoken_distance(h.distance_m)} away{price}{hours}."
        return Reply(text, card)
    top = [f"{_label(h)}, {spoken_distance(h.distance_m)}" for h in hits[:3]]
    if len(top) == 1:
        text = f"The only {what.replace('places', 'place').replace('cafes', 'cafe')} I found{where} is {top[0]} away."
    else:
        listed = "; ".join(top[:-1]) + f"; and {top[-1]}"
        text = f"I found {len(hits)} {what}{where}. The closest: {listed}."
    if q.open_now and result.unknown_hours:
        text += f" {result.unknown_hours} more don't list opening hours."
    return Reply(text, card)
