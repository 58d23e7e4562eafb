{
    "name": "Trade-ins and Used Serials",
    "summary": "Customer purchases (buy-backs), trade-ins on sale orders "
    "and the life of serial-numbered used goods",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Tradein Serial contributors",
    "website": "https://github.com/tradein-serial/tradein-serial",
    "depends": ["sale_stock", "purchase_stock", "stock_account"],
    "data": [
        "security/tradein_serial_security.xml",
        "security/ir.model.access.csv",
    ],
    "demo": [],
    "maintainers": [],
    "development_status": "Alpha",
    "installable": True,
    "application": True,
}
