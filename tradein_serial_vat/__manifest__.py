{
    "name": "Used-goods VAT (margin scheme)",
    "summary": "Margin-scheme VAT for second-hand serial-numbered goods: "
    "seller types, margin taxes, invoice mentions and margin registers",
    "version": "19.0.1.0.0",
    "category": "Accounting/Localizations",
    "license": "LGPL-3",
    "author": "Tradein Serial contributors",
    "website": "https://github.com/tradein-serial/tradein-serial",
    "depends": ["tradein_serial", "account"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "maintainers": [],
    "development_status": "Alpha",
    "installable": True,
}
