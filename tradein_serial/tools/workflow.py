"""Fields that only the add-ons' workflow writes.

A view's ``readonly`` is not a protection: any user may write any field their
access rights allow over the web client's RPC. The register's workflow fields
(pay-out, approval, status, acquisition, links) are written only inside
``workflow()``, which only the add-ons' own Python code can open (a context
variable of this thread, never a context key that an RPC call could send).
"""

import contextvars
import functools
from contextlib import contextmanager

from odoo.exceptions import UserError

_IN_WORKFLOW = contextvars.ContextVar("tradein_workflow", default=False)


@contextmanager
def workflow():
    """The scope in which the add-ons' actions write workflow fields."""
    token = _IN_WORKFLOW.set(True)
    try:
        yield
    finally:
        _IN_WORKFLOW.reset(token)


def workflow_method(method):
    """Run `method` (an add-on's own business method) as the workflow."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with workflow():
            return method(*args, **kwargs)

    return wrapper


def in_workflow(env):
    """Whether workflow fields may be written now: by the workflow, or by
    code running as the superuser (never a user's RPC call)."""
    return env.su or _IN_WORKFLOW.get()


def check_workflow_fields(records, vals, field_names):
    """Refuse a write of `field_names` in `vals` outside the workflow.

    A value equal to the one stored is no change (the web client sends the
    fields of a form it saves).
    """
    if in_workflow(records.env):
        return
    changed = changed_fields(records, vals, field_names)
    if changed:
        _refuse(records, changed)


def changed_fields(records, vals, field_names):
    """The fields of `field_names` that `vals` would change on `records` (a
    value equal to the one stored is no change; relations always count)."""
    names = set(field_names) & vals.keys()
    changed = set()
    for record in records:
        for name in names - changed:
            field = record._fields[name]
            if field.type in ("one2many", "many2many"):
                changed.add(name)
                continue
            try:
                new = field.convert_to_record(field.convert_to_cache(vals[name], record), record)
            except (ValueError, TypeError):
                changed.add(name)
                continue
            if (new or False) != (record[name] or False):
                changed.add(name)
    return changed


def _refuse(model, names):
    labels = sorted(model._fields[name].get_description(model.env)["string"] for name in names)
    raise UserError(
        model.env._(
            "%(fields)s of %(model)s change only through their actions (Pay Out, "
            "Approve, Add to Inventory, Cancel...), not by hand.",
            fields=", ".join(labels),
            model=model._description,
        )
    )


def check_workflow_create(model, vals_list, field_names):
    """Refuse workflow fields given at creation outside the workflow, unless
    they hold the field's default (the web client sends the defaults of a
    new record)."""
    if in_workflow(model.env):
        return
    names = {name for vals in vals_list for name in vals} & set(field_names)
    if not names:
        return
    defaults = model.default_get(list(names))
    for vals in vals_list:
        given = {
            name: vals[name]
            for name in names & vals.keys()
            if (vals[name] or False) != (defaults.get(name) or False)
        }
        if given:
            _refuse(model, given)


def record_approval(records, amount_of, refusal, note):
    """Approve `records` (customer purchases or quotations with trade-ins):
    the one home of who may approve and how it is recorded.

    :param amount_of: record -> the amount the approval covers
    :param refusal: the message for a user who may not approve
    :param note: (record, amount) -> the chatter note of the approval
    """
    env = records.env
    if not env.user.has_group("tradein_serial.group_tradein_manager"):
        raise UserError(refusal)
    for record in records:
        amount = amount_of(record)
        with workflow():
            record.write({"tradein_approved_by_id": env.user.id, "tradein_approved_amount": amount})
        record.message_post(body=note(record, amount))
    return True
