from .amounts import check_amount_values
from .locks import lock_rows
from .workflow import check_workflow_create
from .workflow import check_workflow_fields
from .workflow import in_workflow
from .workflow import record_approval
from .workflow import workflow
from .workflow import workflow_method
