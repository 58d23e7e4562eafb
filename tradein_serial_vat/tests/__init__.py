from . import test_margin_scheme
from . import test_purchase_tax
from . import test_reports_pdf
from . import test_serials_of_a_line
from . import test_stock_book
from . import test_tours
from . import test_vat_return
