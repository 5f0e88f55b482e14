"""The foods people ask for, as the map's cuisine values (and name stems) that count as that food: "pizza"
is a pizzeria, "curry" an indian or thai kitchen. The templates' closed food list is these keys
(find_restaurant's manifest, `restaurant_food`)."""

from __future__ import annotations

# spoken cuisine -> OSM cuisine values (and name stems) that count as that food
CUISINE_ALIASES = {
    "pizza": {"pizza", "italian_pizza", "pizzeria"},
    "pizzeria": {"pizza", "italian_pizza", "pizzeria"},
    "pizzerias": {"pizza", "italian_pizza", "pizzeria"},
    "italian": {"italian", "pizza", "italian_pizza", "trattoria", "ristorante", "osteria"},
    "burger": {"burger", "american"},
    "burgers": {"burger", "american"},
    "coffee": {"coffee_shop", "coffee"},
    "sushi": {"sushi", "japanese"},
    "japanese": {"japanese", "sushi", "ramen"},
    "chinese": {"chinese", "asian"},
    "asian": {"asian", "chinese", "thai", "vietnamese", "japanese", "korean"},
    "kebab": {"kebab", "doner", "düner", "turkish"},
    "turkish": {"turkish", "kebab"},
    "greek": {"greek", "gyros"},
    "local": {"regional", "local", "swiss", "austrian", "german"},
    "regional": {"regional", "local"},
    "swiss": {"swiss", "regional"},
    "mexican": {"mexican", "tex-mex", "tacos"},
    "indian": {"indian", "curry"},
    "vegetarian": {"vegetarian", "vegan"},
    "vegan": {"vegan"},
    "seafood": {"seafood", "fish"},
    "steak": {"steak_house", "steak"},
    "thai": {"thai"},
    "vietnamese": {"vietnamese"},
    "korean": {"korean"},
    "french": {"french"},
    "spanish": {"spanish", "tapas"},
    "lebanese": {"lebanese", "middle_eastern"},
    # dishes said for the kitchens that serve them ("i fancy some curry")
    "curry": {"curry", "indian", "thai", "sri_lankan", "nepalese"},
    "ramen": {"ramen", "japanese", "noodle"},
    "noodles": {"noodle", "ramen", "asian", "chinese", "vietnamese", "thai"},
    "tacos": {"tacos", "mexican", "tex-mex"},
    "dumplings": {"dumpling", "dumplings", "chinese"},
}


def spelled_like(said: str, foods) -> str | None:
    """The one food a typed word is a slip of ("pizaa", "italain"): a word of five letters or more, at
    least 80% alike by letters (rapidfuzz ratio), and no other food as close. The recognizer's slips
    sound alike instead (asr.pronounce.sounds_like)."""
    from rapidfuzz import fuzz

    said = " ".join(said.lower().split())
    if len(said) < 5:
        return None
    scored = sorted(((fuzz.ratio(said, f), f) for f in foods if len(f) >= 5), reverse=True)
    if not scored or scored[0][0] < 80 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
