from .locks import lock_rows
