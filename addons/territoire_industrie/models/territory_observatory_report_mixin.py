import datetime

from odoo import fields, models
from odoo.models import parse_read_group_spec, regex_order
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.query import Query

# The granularities a tally's dates (the first day of a month or a year) group exactly by.
_COARSER = {"month": ("month", "quarter", "year"), "year": ("year",), None: ()}


def _leaf_answered(tally, answers, unit, leaf):
    """Whether the domain element ``leaf`` means the same on ``tally``."""
    if isinstance(leaf, str) or leaf in (expression.TRUE_LEAF, expression.FALSE_LEAF):
        return True
    path, operator, value = leaf
    if not isinstance(path, str) or path.split(".")[0] not in answers:
        return False
    if tally._fields[path.split(".")[0]].type != "date":
        return True
    # The first day of a month (or year) stands for it: exact for bounds on its edges.
    if "." in path or isinstance(value, datetime.datetime) or not value or not unit:
        return False
    try:
        day = fields.Date.to_date(value)
    except (TypeError, ValueError):
        return False
    after = day + datetime.timedelta(days=1)
    if operator in (">=", "<"):
        return day.day == 1 and (unit == "month" or day.month == 1)
    if operator in ("<=", ">"):
        return after.day == 1 and (unit == "month" or after.month == 1)
    return False


class TerritoryObservatoryReportMixin(models.AbstractModel):
    """Grouping of the observatory's reports (SQL views with one row per establishment).

    The ORM sorts the groups of a many2one by its comodel's order (e.g. the commune's name
    and code) by joining the comodel to every row and grouping by those columns too:
    PostgreSQL then cannot tell that there are as many groups as communes, and sorts the
    200,000 rows by name. Here the groups are made on the many2one column alone (a hash
    aggregate on an integer) and sorted by the comodel's order afterwards, one lookup per
    group. Same groups, same order, limits and offsets as the ORM's.

    A report with ``_tally_models`` (see ``territory.observatory.tally.mixin``) reads the
    first of them whose columns hold the domain, groups, aggregates and order asked for:
    the same numbers from far fewer rows. Anything finer (a NAF code, a day, an
    establishment) reads the rows, as before.
    """

    _name = "territory.observatory.report.mixin"
    _description = "Observatory Report Grouping"

    #: the tallies answering this report's read_group, the smallest first
    _tally_models = ()

    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        tally, args = self._answering_tally(domain, groupby, aggregates, having, order)
        if tally is None:
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        self.browse().check_access("read")  # the tally has the same rules
        # Deltas not merged yet may leave a combination at zero: no establishment there.
        having = [(tally._tally_count, "!=", 0)]
        return tally._read_group(domain, groupby, args[0], having, offset, limit, args[1])

    def _answering_tally(self, domain, groupby, aggregates, having=(), order=None):
        """The first tally of the report answering this read_group exactly, with the
        ``(aggregates, order)`` to ask it; ``(None, None)`` when none can, or while the
        tallies wait for a recount after a bulk import."""
        if self._tally_models and self.env["territory.observatory.tally.mixin"]._tallies_pending():
            return None, None
        for name in self._tally_models:
            tally = self.env[name]
            args = self._tally_read_group_args(tally, domain, groupby, aggregates, having, order)
            if args is not None:
                return tally, args
        return None, None

    def _tally_read_group_args(self, tally, domain, groupby, aggregates, having, order):
        """``(aggregates, order)`` for ``tally`` to answer this read_group exactly, or
        None when it cannot."""
        if having:
            return None
        answers = tally._tally_answers()
        unit = tally._tally_date_granularity
        for spec in groupby:
            fname, property_name, granularity = parse_read_group_spec(spec)
            if fname not in answers or property_name:
                return None
            is_date = tally._fields[fname].type == "date"
            if is_date != bool(granularity) or (is_date and granularity not in _COARSER[unit]):
                return None
        tally_aggregates = []
        for spec in aggregates:
            if spec == "__count":  # a row per establishment (or movement) there
                tally_aggregates.append(tally._tally_count)
                continue
            fname, __, function = parse_read_group_spec(spec)
            if fname not in answers or function != "sum":  # only sums add deltas up
                return None
            tally_aggregates.append(spec)
        tally_order = []
        for term in (order or "").split(","):
            if not term.strip():
                continue
            spec, *direction = term.split()
            if spec == "__count":
                spec = tally._tally_count
            if spec not in groupby and spec not in tally_aggregates:
                return None
            tally_order.append(" ".join([spec, *direction]))
        if not all(_leaf_answered(tally, answers, unit, leaf) for leaf in domain or ()):
            return None
        return tally_aggregates, ", ".join(tally_order) or None

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """In a read_group, order a many2one's groups by one subquery per term of its
        comodel's order (plain stored fields only) instead of a join."""
        field = self._fields.get(field_name)
        comodel = (
            self.env[field.comodel_name] if field is not None and field.type == "many2one" else None
        )
        # Only the ordering of groups (query.groupby); the ORM's way for the rest.
        if not (
            query.groupby and comodel is not None and not nulls.code and comodel._order != "id"
        ):
            return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        terms = [regex_order.match(term) for term in comodel._order.split(",")]
        if not all(
            term
            and not term["property"]
            and not term["func"]
            and not term["nulls"]
            and term["field"] in comodel._fields
            and comodel._fields[term["field"]].store
            and not comodel._fields[term["field"]].relational
            for term in terms
        ):
            return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        value = self._field_to_sql(alias, field_name, query)
        coalias = query.make_alias(alias, field_name)
        reverse = direction.code == "DESC"
        order = []
        for term in terms:
            lookup = Query(self.env, coalias, SQL.identifier(comodel._table))
            lookup.add_where(SQL("%s = %s", SQL.identifier(coalias, "id"), value))
            descending = (term["direction"] or "").upper() == "DESC"
            order.append(
                SQL(
                    "(%s) %s",
                    lookup.select(comodel._field_to_sql(coalias, term["field"], lookup)),
                    SQL("DESC" if descending != reverse else "ASC"),
                )
            )
        return SQL(", ").join(order)
