{
    "name": "Used-goods VAT (margin scheme)",
    "summary": "Margin-scheme VAT for second-hand serial-numbered goods: "
    "seller types, margin taxes, invoice mentions and margin registers",
    "version": "19.0.1.2.0",
    "category": "Accounting/Localizations",
    "license": "LGPL-3",
    "author": "Tradein Serial contributors",
    "website": "https://github.com/tradein-serial/tradein-serial",
    "depends": ["tradein_serial", "account"],
    "external_dependencies": {"python": ["xlsxwriter", "openupgradelib"]},
    "data": [
        "security/ir.model.access.csv",
        "security/tradein_serial_vat_security.xml",
        "data/tradein_serial_vat_data.xml",
        "report/tradein_serial_vat_reports.xml",
        "views/tradein_serial_vat_views.xml",
        "views/tradein_margin_acquisition_views.xml",
    ],
    "demo": ["demo/tradein_serial_vat_demo.xml"],
    "assets": {
        "web.assets_tests": ["tradein_serial_vat/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
    "maintainers": [],
    "development_status": "Alpha",
    "installable": True,
}
