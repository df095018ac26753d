"""Demo users, customers and their contacts, written through the customer services."""

import random
from dataclasses import dataclass

from davor.customers.models import Channel, Contact, Customer
from davor.customers.services import contact_create, customer_create
from davor.lib.phones import InvalidPhoneNumber, parse_phone
from davor.users.demo.catalog import (
    COMPANIES,
    MEN,
    PERSONAL_NOTES,
    POSITIONS,
    POSITIONS_BY_INDUSTRY,
    SURNAMES,
    WOMEN,
)
from davor.users.models import Team, User


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    created: bool


# username, password, first name, last name, role, extension
USERS = [
    ("demo", "demo", "Sabine", "Vogt", User.Role.SELLER, "214"),
    ("jonas", "demo", "Jonas", "Reiter", User.Role.SELLER, "216"),
    ("leitung", "demo", "Martina", "Albrecht", User.Role.MANAGER, "200"),
]
TEAM = "Vertrieb Süd"
_CHANNELS = [Channel.EMAIL] * 10 + [Channel.PHONE] * 6 + [Channel.FAX] * 2 + [Channel.POST, Channel.SMS]
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "", "-": "", ".": ""})


def users_create() -> tuple[dict[str, User], list[Login]]:
    """The demo team; a username that already exists is left exactly as it is."""
    team, _ = Team.objects.get_or_create(name=TEAM)
    users: dict[str, User] = {}
    logins: list[Login] = []
    hashed: dict[str, str] = {}
    for username, password, first_name, last_name, role, extension in USERS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@davor.example",
                role=role,
                team=team,
                language="de",
                phone_extension=extension,
            )
            # One argon2 hash per distinct password: each costs a third of a second.
            if password not in hashed:
                user.set_password(password)
                hashed[password] = user.password
            user.password = hashed[password]
            user.save()
        users[username] = user
        logins.append(Login(username, password, role, created))
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", "admin@davor.example", "admin", role=User.Role.ADMIN, language="de", first_name="Admin"
        )
        logins.append(Login("admin", "admin", User.Role.ADMIN, True))
    else:
        logins.append(Login("admin", "admin", User.Role.ADMIN, False))
    return users, logins


def customers_create(rng: random.Random, users: dict[str, User]) -> list[Customer]:
    customers = []
    for name, industry, street, postal_code, city, area, domain, owner in COMPANIES:
        subscriber = _subscriber(rng, area)
        customers.append(
            customer_create(
                owner=users[owner],
                name=name,
                status=Customer.Status.CUSTOMER if rng.random() < 0.5 else Customer.Status.PROSPECT,
                industry=industry,
                street=street,
                postal_code=postal_code,
                city=city,
                phone=parse_phone(f"{area} {subscriber}").e164,
                fax=parse_phone(f"{area} {subscriber}-99").e164 if rng.random() < 0.6 else "",
                email=f"info@{domain}",
                website=f"https://www.{domain}",
            )
        )
        _contacts_create(rng, customers[-1], area, subscriber, domain)
    return customers


def _subscriber(rng: random.Random, area: str) -> str:
    """A switchboard number that ``phonenumbers`` accepts, shorter where the area code is longer."""
    length = {3: 7, 4: 6, 5: 5}.get(len(area), 6)
    while True:
        digits = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))
        try:
            parse_phone(f"{area} {digits}-123")
        except InvalidPhoneNumber:
            continue
        return digits


def _contacts_create(rng: random.Random, customer: Customer, area: str, subscriber: str, domain: str) -> None:
    positions = POSITIONS_BY_INDUSTRY.get(customer.industry, []) + rng.sample(POSITIONS, 4)
    extensions = rng.sample(range(10, 400), 4)
    for index in range(rng.choice([1, 2, 2, 3, 3, 4])):
        female = rng.random() < 0.5
        first_name = rng.choice(WOMEN if female else MEN)
        last_name = rng.choice(SURNAMES)
        position, department = positions[index]
        extension = str(extensions[index])
        channel = rng.choice(_CHANNELS)
        contact_create(
            customer=customer,
            salutation="Frau" if female else "Herr",
            title="Dr." if rng.random() < 0.1 else "",
            first_name=first_name,
            last_name=last_name,
            position=position,
            department=department,
            phone=parse_phone(f"{area} {subscriber}-{extension}").e164,
            extension=extension,
            mobile=_mobile(rng) if rng.random() < 0.3 else "",
            email=f"{first_name[0].lower()}.{last_name.lower().translate(_ASCII)}@{domain}",
            fax=customer.fax if channel == Channel.FAX else "",
            preferred_channel=channel,
            personal_notes=rng.choice(PERSONAL_NOTES) if rng.random() < 0.35 else "",
        )


def _mobile(rng: random.Random) -> str:
    # 015x numbers have eight digits after the prefix, 016x and 017x seven.
    prefix, low = rng.choice([("0151", 10**7), ("0152", 10**7), ("0160", 10**6), ("0171", 10**6), ("0176", 10**6)])
    return parse_phone(f"{prefix} {rng.randint(low, 10 * low - 1)}").e164


def contacts_of(customer: Customer) -> list[Contact]:
    """The customer's contacts, the main one (created first) first."""
    return list(customer.contacts.order_by("pk"))
