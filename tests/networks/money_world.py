"""Payments for the tests of following the money, written through the import's own writer:

Sole (it) ─owns→ IT account ──48,000 EUR (2025-03-03)──→ EG account ←owns─ Nile (eg)
EG account ──2,400,000 EGP (2025-03-20)──→ RU account ←owns─ Zakharov (ru)
EG account ──150,000 EGP (2025-02-14, before the money arrived)──→ CN account ←owns─ Wang (cn)
RU account ──3,900,000 RUB (2025-04-02)──→ exchange's account (ru)
exchange's wallet ──0.95 BTC (2025-04-05)──→ Zakharov's wallet (a CryptoTransfer)"""

from tests.networks.entities_world import entity, ready_source

DEMO_WALLET = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
EXCHANGE_WALLET = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"


def money_world(inquiry) -> None:
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    bank = ready_source(investigation, analyst, "bank.ftm.json")

    def add(schema, entity_id, **properties):
        entity(investigation, analyst, bank, schema, entity_id, **properties)

    add("Company", "sole", name="Sole Logistica", jurisdiction="it")
    add("Company", "nile", name="Nile Horizon Travel", jurisdiction="eg")
    add("Person", "zakharov", name="Aleksandr Zakharov", nationality="ru")
    add("Person", "wang", name="Wang Wei", nationality="cn")
    add("Company", "exchange", name="Bitmoon Exchange", jurisdiction="ru")
    accounts = {
        "it-acc": ("sole", "it", {"iban": "IT60X0542811101000000123456"}),
        "eg-acc": ("nile", "eg", {"iban": "EG380019000500000000263180002"}),
        "ru-acc": ("zakharov", "ru", {"accountNumber": "40817810500000012345"}),
        "cn-acc": ("wang", "cn", {"accountNumber": "6222020200112233445"}),
        "ex-acc": ("exchange", "ru", {"accountNumber": "40702810900000077777", "bankName": "Volga Bank"}),
    }
    for account, (owner, country, values) in accounts.items():
        add("BankAccount", account, country=country, **values)
        add("Ownership", f"own-{account}", owner=owner, asset=account)
    add("CryptoWallet", "ex-wallet", publicKey=EXCHANGE_WALLET, holder="exchange")
    add("CryptoWallet", "z-wallet", publicKey=DEMO_WALLET, holder="zakharov")
    payments = [
        ("p1", "sole", "it-acc", "nile", "eg-acc", "48000", "EUR", "2025-03-03"),
        ("p2", "nile", "eg-acc", "zakharov", "ru-acc", "2400000", "EGP", "2025-03-20"),
        ("p0", "nile", "eg-acc", "wang", "cn-acc", "150000", "EGP", "2025-02-14"),
        ("p3", "zakharov", "ru-acc", "exchange", "ex-acc", "3900000", "RUB", "2025-04-02"),
    ]
    for pid, payer, payer_account, beneficiary, account, amount, currency, day in payments:
        add(
            "Payment",
            pid,
            payer=payer,
            payerAccount=payer_account,
            beneficiary=beneficiary,
            beneficiaryAccount=account,
            amount=amount,
            currency=currency,
            date=day,
        )
    add(
        "CryptoTransfer",
        "t1",
        payerWallet="ex-wallet",
        beneficiaryWallet="z-wallet",
        amount="0.95",
        assetSymbol="BTC",
        date="2025-04-05",
        transactionHash="9f1c2a7e",
    )
