from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestSupportCase(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {"name": "Menuiserie Faivre", "is_company": True}
        )
        cls.transmission = cls.env.ref("accompagnement_entreprise.support_programme_transmission")

    def _new_case(self, **values):
        return self.env["support.case"].create(
            {
                "name": "Cession de la menuiserie",
                "partner_id": self.company.id,
                "programme_id": self.transmission.id,
                **values,
            }
        )

    def test_new_case_starts_to_take_in_charge_with_a_reference(self):
        case = self._new_case()
        self.assertEqual(
            case.stage_id, self.env.ref("accompagnement_entreprise.support_case_stage_new")
        )
        self.assertEqual(case.state, "new")
        self.assertTrue(case.reference.startswith("ACC-"))
        self.assertFalse(case.date_taken)

    def test_take_in_charge_moves_to_the_programme_first_stage_and_stamps_the_date(self):
        case = self._new_case(user_id=False)
        case.with_user(self.advisor).action_take_in_charge()
        self.assertEqual(
            case.stage_id,
            self.env.ref("accompagnement_entreprise.support_case_stage_transmission_contact"),
        )
        self.assertEqual(case.user_id, self.advisor)
        self.assertTrue(case.date_taken)

    def test_closing_needs_a_reason(self):
        case = self._new_case()
        with self.assertRaises(ValidationError):
            case.stage_id = self.env.ref("accompagnement_entreprise.support_case_stage_closed")
        with self.assertRaises(UserError):
            case._close(False)
        case._close("done")
        self.assertEqual(case.state, "closed")
        self.assertTrue(case.date_closed)
        case.action_reopen()
        self.assertEqual(case.state, "progress")
        self.assertFalse(case.closing_reason)

    def test_stage_of_another_programme_is_refused(self):
        case = self._new_case()
        with self.assertRaises(ValidationError):
            case.stage_id = self.env.ref(
                "accompagnement_entreprise.support_case_stage_digital_diagnostic"
            )
