{
    "name": "Trade-ins and Used Serials",
    "summary": "Customer purchases (buy-backs), trade-ins on sale orders "
    "and the life of serial-numbered used goods",
    "version": "19.0.1.0.1",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Tradein Serial contributors",
    "website": "https://github.com/tradein-serial/tradein-serial",
    "depends": ["sale_stock", "purchase_stock", "stock_account"],
    "external_dependencies": {"python": ["xlsxwriter", "openupgradelib"]},
    "data": [
        "security/tradein_serial_security.xml",
        "security/ir.model.access.csv",
        "data/tradein_serial_data.xml",
        "report/tradein_serial_reports.xml",
        "report/report_customer_purchase_receipt.xml",
        "report/report_dealer_register.xml",
        "report/report_serial_history.xml",
        "views/purchase_order_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/stock_lot_views.xml",
        "views/tradein_serial_event_views.xml",
        "views/tradein_blocked_views.xml",
        "views/product_template_views.xml",
        "views/tradein_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/tradein_serial_menus.xml",
    ],
    "demo": ["demo/tradein_serial_demo.xml"],
    "assets": {
        "web.assets_tests": ["tradein_serial/static/tests/tours/*.js"],
        # Debian's wkhtmltopdf (Qt 5) draws the text of web fonts as outlines:
        # a receipt or a register could not be searched, copied or read back.
        # Printed PDFs use the installed fonts instead (fonts-lato keeps the
        # look), so their text stays text.
        "web.report_assets_common": [("remove", "web/static/fonts/fonts.scss")],
    },
    "maintainers": [],
    "development_status": "Alpha",
    "installable": True,
    "application": True,
}
