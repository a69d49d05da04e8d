"""Server messages in English and Lithuanian, and the error the sandbox's logic raises."""

from __future__ import annotations

from typing import Any, Final

LOCALES: Final = ("en", "lt")

_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "card_info_ok": ("Card info retrieved successfully", "Kortelės informacija gauta"),
    "card_not_found": ("Loyalty card not found", "Lojalumo kortelė nerasta"),
    "user_not_found": ("User not found", "Naudotojas nerastas"),
    "identifier_required": (
        "One of card_number, card_id or user_id is required",
        "Būtina nurodyti card_number, card_id arba user_id",
    ),
    "credentials_ok": ("Credentials are valid", "Prisijungimo duomenys galioja"),
    "not_authenticated": ("Partner not authenticated", "Partneris neautentifikuotas"),
    "invalid_data": ("The given data was invalid.", "Pateikti duomenys neteisingi."),
    "malformed_json": ("Malformed JSON body", "Netinkamas JSON turinys"),
    "not_found": ("Not Found", "Nerasta"),
    "method_not_allowed": ("Method Not Allowed", "Metodas neleidžiamas"),
    "server_error": ("Server Error", "Serverio klaida"),
    "forbidden": (
        "Access denied: IP address not allowed",
        "Prieiga draudžiama: IP adresas neleidžiamas",
    ),
    "rate_limited": (
        "Too many requests. Try again in {seconds} seconds.",
        "Per daug užklausų. Bandykite po {seconds} s.",
    ),
    "transaction_ok": ("Transaction created successfully", "Transakcija sukurta"),
    "duplicate_order": (
        "A transaction with this order_id already exists",
        "Transakcija su šiuo order_id jau egzistuoja",
    ),
    "card_inactive": ("Loyalty card is inactive", "Lojalumo kortelė neaktyvi"),
    "redemption_disabled": (
        "Points redemption is not available for this card",
        "Šiai kortelei taškų panaudojimas negalimas",
    ),
    "redemption_misconfigured": (
        "Points redemption is misconfigured for this partner",
        "Taškų panaudojimas šiam partneriui sukonfigūruotas neteisingai",
    ),
    "below_min_points": (
        "At least {min_points} points must be redeemed",
        "Reikia panaudoti bent {min_points} taškų",
    ),
    "above_max_points": (
        "At most {max_points} points can be redeemed per order",
        "Vienu užsakymu galima panaudoti ne daugiau kaip {max_points} taškų",
    ),
    "exceeds_order": (
        "Redeemed points exceed what the order total needs ({needed} points)",
        "Panaudojama daugiau taškų, nei reikia užsakymo sumai ({needed} taškų)",
    ),
    "discount_too_high": (
        "points_discount_amount exceeds what {points} points are worth ({worth})",
        "points_discount_amount viršija {points} taškų vertę ({worth})",
    ),
    "discount_without_points": (
        "points_discount_amount requires points_redeemed",
        "points_discount_amount galimas tik su points_redeemed",
    ),
    "qr_created": ("QR session created", "QR sesija sukurta"),
    "qr_status": ("QR session status", "QR sesijos būsena"),
    "qr_expired": (
        "QR session has expired or does not exist",
        "QR sesija baigėsi arba neegzistuoja",
    ),
    "qr_already_used": ("QR session was already scanned", "QR sesija jau nuskenuota"),
    "qr_scanned": ("Card shared with the session", "Kortelė perduota sesijai"),
    # Validation texts, Laravel style.
    "field_required": ("The {field} field is required.", "Laukas {field} yra privalomas."),
    "field_string": ("The {field} must be a string.", "Laukas {field} turi būti tekstas."),
    "field_numeric": ("The {field} must be a number.", "Laukas {field} turi būti skaičius."),
    "field_integer": (
        "The {field} must be an integer.",
        "Laukas {field} turi būti sveikasis skaičius.",
    ),
    "field_min0": (
        "The {field} must be at least 0.",
        "Laukas {field} turi būti ne mažesnis nei 0.",
    ),
    "field_array": ("The {field} must be an array.", "Laukas {field} turi būti masyvas."),
    "field_object": ("The {field} must be an object.", "Laukas {field} turi būti objektas."),
    "field_email": (
        "The {field} must be a valid email address.",
        "Laukas {field} turi būti teisingas el. pašto adresas.",
    ),
    "field_currency": (
        "The {field} must be a 3-letter currency code.",
        "Laukas {field} turi būti 3 raidžių valiutos kodas.",
    ),
    "field_max": (
        "The {field} may not be greater than {max} characters.",
        "Laukas {field} negali būti ilgesnis nei {max} simbolių.",
    ),
    "credentials_missing": (
        "API credentials are missing: send the X-API-Key and X-API-Secret headers",
        "Trūksta API prisijungimo duomenų: siųskite X-API-Key ir X-API-Secret antraštes",
    ),
    "key_format": (
        "Invalid API key format: the key must start with lty_",
        "Neteisingas API rakto formatas: raktas turi prasidėti lty_",
    ),
    "user_required": (
        "The user id field is required when user email is not present.",
        "Laukas user id yra privalomas, kai nenurodytas user email.",
    ),
    "card_not_users": (
        "The selected loyalty card does not belong to this user.",
        "Pasirinkta lojalumo kortelė nepriklauso šiam naudotojui.",
    ),
    "balance_ok": ("Balance retrieved successfully", "Balansas gautas"),
    "shops_ok": ("Shops retrieved successfully", "Parduotuvės gautos"),
    "transactions_ok": ("Transactions retrieved successfully", "Transakcijos gautos"),
    "games_ok": ("Card games retrieved successfully", "Kortelės žaidimai gauti"),
    "stamps_added": ("Stamps added successfully", "Antspaudai pridėti"),
    "game_completed": (
        "Stamps added: the game is completed and its reward generated",
        "Antspaudai pridėti: žaidimas baigtas, prizas sugeneruotas",
    ),
    "game_restarted": ("Game restarted", "Žaidimas pradėtas iš naujo"),
    "game_not_found": (
        "Game not found or not available at this shop",
        "Žaidimas nerastas arba negalimas šioje parduotuvėje",
    ),
    "card_blocked": (
        "This loyalty card is blocked: no stamps can be added",
        "Ši lojalumo kortelė užblokuota: antspaudų pridėti negalima",
    ),
    "coupons_ok": ("Coupons retrieved successfully", "Kuponai gauti"),
    "coupon_valid": ("Coupon is valid", "Kuponas galioja"),
    "coupon_redeemed": ("Coupon redeemed successfully", "Kuponas panaudotas"),
    "coupon_not_found": ("Coupon not found", "Kuponas nerastas"),
    "coupon_used": ("This coupon has already been used", "Šis kuponas jau panaudotas"),
    "coupon_expired": ("This coupon has expired", "Šio kupono galiojimas baigėsi"),
    "coupon_wrong_shop": (
        "This coupon cannot be used at this shop",
        "Šio kupono negalima panaudoti šioje parduotuvėje",
    ),
    "coupon_pending_elsewhere": (
        "This coupon is being redeemed at another shop",
        "Šis kuponas šiuo metu naudojamas kitoje parduotuvėje",
    ),
    "product_required": (
        "The selected product id field is required for this coupon.",
        "Šiam kuponui būtina nurodyti selected product id.",
    ),
    "product_invalid": (
        "The selected product is not part of this coupon.",
        "Pasirinktas produktas nepriklauso šiam kuponui.",
    ),
    "card_or_user_required": (
        "The card id field is required when user id is not present.",
        "Laukas card id yra privalomas, kai nenurodytas user id.",
    ),
    "field_min": ("The {field} must be at least {min}.", "Laukas {field} turi būti bent {min}."),
    "field_max_value": (
        "The {field} may not be greater than {max}.",
        "Laukas {field} negali būti didesnis nei {max}.",
    ),
    "field_boolean": (
        "The {field} field must be true or false.",
        "Laukas {field} turi būti true arba false.",
    ),
    "field_date": (
        "The {field} is not a valid date (YYYY-MM-DD).",
        "Laukas {field} nėra teisinga data (YYYY-MM-DD).",
    ),
    "field_after_from": (
        "The {field} must be a date after or equal to date from.",
        "Laukas {field} turi būti ne ankstesnė data nei date from.",
    ),
    "field_exists": ("The selected {field} is invalid.", "Pasirinktas {field} neteisingas."),
}


def text(key: str, locale: str, **values: Any) -> str:
    """The message `key` in `locale` ("lt" or anything else for English), filled in."""
    english, lithuanian = _TEXTS[key]
    template = lithuanian if locale == "lt" else english
    return template.format(**values)


def insufficient_points(balance: int, requested: int) -> str:
    """Always Lithuanian, whatever the locale, as the real API answers."""
    return f"Nepakanka taškų. Turite {balance}, bandote panaudoti {requested}."


class SandboxError(Exception):
    """A documented API error: HTTP status, the envelope's `code`, message and `errors`.

    `code` may be an int or a string code and `errors` a map or a list, as the real API mixes
    them; `code=None` leaves the envelope without a code.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: int | str | None = None,
        errors: dict[str, list[str]] | list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.errors = errors
