import math

from odoo.exceptions import ValidationError


def check_amount_values(model, vals, field_names):
    """Refuse amounts in `vals` that are not numbers (text, NaN, infinite),
    in words a shop assistant understands, before the ORM tries them."""
    for name in field_names:
        value = vals.get(name)
        if value is None or value is False:
            continue
        try:
            if isinstance(value, bool):
                raise TypeError(name)
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number):
            raise ValidationError(
                model.env._(
                    "%(field)s must be a number, not %(value)s.",
                    field=model._fields[name].get_description(model.env)["string"],
                    value=str(value)[:40],
                )
            )
