{
    "name": "Refurbishment of Used Serials",
    "summary": "Refurbishment tickets on repair orders with cost roll-up "
    "and release to sellable stock",
    "version": "19.0.1.0.1",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Tradein Serial contributors",
    "website": "https://github.com/tradein-serial/tradein-serial",
    "depends": ["tradein_serial", "repair"],
    "data": [
        "security/ir.model.access.csv",
        "security/tradein_refurb_security.xml",
        "data/tradein_refurb_data.xml",
        "views/repair_order_views.xml",
    ],
    "demo": ["demo/tradein_refurb_demo.xml"],
    "assets": {
        "web.assets_tests": ["tradein_refurb/static/tests/tours/*.js"],
    },
    "maintainers": [],
    "development_status": "Alpha",
    "installable": True,
}
