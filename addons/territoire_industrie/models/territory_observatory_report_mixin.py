from odoo import models
from odoo.models import regex_order
from odoo.tools import SQL
from odoo.tools.query import Query


class TerritoryObservatoryReportMixin(models.AbstractModel):
    """Grouping of the observatory's reports (SQL views with one row per establishment).

    The ORM sorts the groups of a many2one by its comodel's order (e.g. the commune's name
    and code) by joining the comodel to every row and grouping by those columns too:
    PostgreSQL then cannot tell that there are as many groups as communes, and sorts the
    200,000 rows by name. Here the groups are made on the many2one column alone (a hash
    aggregate on an integer) and sorted by the comodel's order afterwards, one lookup per
    group. Same groups, same order, limits and offsets as the ORM's.
    """

    _name = "territory.observatory.report.mixin"
    _description = "Observatory Report Grouping"

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
