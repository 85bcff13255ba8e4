from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestSupportEligibility(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.programme = cls.env["support.programme"].create(
            {"name": "Programme de test", "code": "TEST_ELIGIBILITY"}
        )
        cls.establishment = cls.env["territory.establishment"].create(
            {
                "siret": "99999999900011",
                "siren": "999999999",
                "legal_unit_name": "Boulangerie Vuillemin",
                "naf_code": "10.71C",
                "headcount_bracket": "02",
                "creation_date": fields.Date.today() - relativedelta(years=12, days=10),
                "legal_category": "5499",
                "craft_code": "1071ZZ",
            }
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Boulangerie Vuillemin", "is_company": True}
        )

    def _reasons(self, **rules):
        self.programme.write(rules)
        return self.programme._ineligibility_reasons(self.establishment)

    def _new_case(self, **values):
        return self.env["support.case"].create(
            {
                "name": "Développement de la boulangerie",
                "partner_id": self.company.id,
                "programme_id": self.programme.id,
                "establishment_id": self.establishment.id,
                **values,
            }
        )

    def test_no_rule_accepts_every_company(self):
        self.assertEqual(self._reasons(), [])
        self.assertEqual(self._new_case().eligibility_state, "eligible")

    def test_naf_sections_and_prefixes(self):
        self.assertEqual(self._reasons(eligibility_naf_codes="C"), [])
        self.assertEqual(self._reasons(eligibility_naf_codes="47.11, 10.71"), [])
        self.assertEqual(self._reasons(eligibility_naf_codes="g, 1071"), [])
        reasons = self._reasons(eligibility_naf_codes="G, 47.11")
        self.assertEqual(len(reasons), 1)
        self.assertIn("10.71C", reasons[0])

    def test_naf_rule_refuses_unknown_codes(self):
        with self.assertRaises(ValidationError):
            self.programme.eligibility_naf_codes = "C, XY"

    def test_headcount_brackets(self):
        self.assertEqual(
            self._reasons(eligibility_headcount_min="01", eligibility_headcount_max="03"), []
        )
        self.assertIn(
            "limited to",
            self._reasons(eligibility_headcount_min=False, eligibility_headcount_max="01")[0],
        )
        self.assertIn(
            "starts at",
            self._reasons(eligibility_headcount_min="11", eligibility_headcount_max=False)[0],
        )
        with self.assertRaises(ValidationError):
            self.programme.write(
                {"eligibility_headcount_min": "12", "eligibility_headcount_max": "03"}
            )

    def test_company_age(self):
        self.assertEqual(self._reasons(eligibility_age_min=10, eligibility_age_max=15), [])
        reasons = self._reasons(eligibility_age_min=0, eligibility_age_max=3)
        self.assertEqual(
            reasons,
            [
                (
                    "The company is 12 years old; the programme is reserved for companies "
                    "under 3 years old."
                )
            ],
        )
        self.assertIn(
            "at least 20 years", self._reasons(eligibility_age_min=20, eligibility_age_max=0)[0]
        )
        with self.assertRaises(ValidationError):
            self.programme.write({"eligibility_age_min": 5, "eligibility_age_max": 3})

    def test_legal_category(self):
        self.assertEqual(self._reasons(eligibility_legal_categories="1, 5"), [])
        reasons = self._reasons(eligibility_legal_categories="1")
        self.assertIn("5499", reasons[0])

    def test_craft_register(self):
        self.assertEqual(self._reasons(eligibility_craft_only=True), [])
        self.establishment.craft_code = False
        self.assertIn("craft register", self._reasons(eligibility_craft_only=True)[0])

    def test_several_failed_rules_give_several_reasons(self):
        reasons = self._reasons(
            eligibility_naf_codes="G", eligibility_age_max=3, eligibility_legal_categories="1"
        )
        self.assertEqual(len(reasons), 3)

    def test_missing_data_is_not_held_against_the_company(self):
        self.establishment.write(
            {"naf_code": False, "headcount_bracket": False, "creation_date": False}
        )
        self.assertEqual(
            self._reasons(
                eligibility_naf_codes="G", eligibility_headcount_max="01", eligibility_age_max=3
            ),
            [],
        )

    def test_ineligible_case_is_refused_with_the_explanation(self):
        self.programme.eligibility_age_max = 3
        with self.assertRaisesRegex(ValidationError, "12 years old"):
            self._new_case()
        case = self._new_case(eligibility_override=True, eligibility_override_reason="Reprise")
        self.assertEqual(case.eligibility_state, "not_eligible")
        self.assertIn("12 years old", case.eligibility_warning)
        with self.assertRaises(ValidationError):
            case.eligibility_override = False

    def test_override_needs_a_reason_and_is_tracked(self):
        self.programme.eligibility_age_max = 3
        with self.assertRaisesRegex(ValidationError, "reason"):
            self._new_case(eligibility_override=True)
        case = self._new_case(eligibility_override=True, eligibility_override_reason="Reprise")
        self.env.flush_all()
        self.env.cr.precommit.run()  # as if committed: later changes are tracked
        case.eligibility_override_reason = "Reprise récente d'une entreprise ancienne"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("mail_message_id.model", "=", "support.case"),
                    ("mail_message_id.res_id", "=", case.id),
                ]
            )
            .field_id.mapped("name")
        )
        self.assertIn("eligibility_override_reason", tracked)

    def test_moving_to_a_programme_the_company_does_not_fit_is_refused(self):
        case = self._new_case()
        other = self.programme.copy({"code": "TEST_YOUNG", "eligibility_age_max": 3})
        with self.assertRaisesRegex(ValidationError, "not eligible"):
            case.programme_id = other

    def test_company_without_establishment_is_not_checked(self):
        self.programme.eligibility_age_max = 3
        case = self._new_case(establishment_id=False)
        self.assertEqual(case.eligibility_state, "unchecked")

    def test_form_shows_the_warning_and_takes_the_override(self):
        self.programme.eligibility_age_max = 3
        with Form(self.env["support.case"].with_user(self.advisor)) as form:
            form.name = "Création d'un atelier"
            form.partner_id = self.company
            form.programme_id = self.programme
            form.establishment_id = self.establishment
            self.assertEqual(form.eligibility_state, "not_eligible")
            form.eligibility_override = True
            form.eligibility_override_reason = "Nouvel établissement d'une entreprise ancienne"
        self.assertTrue(form.record.eligibility_override)

    def test_provided_programmes_carry_the_domain_rules(self):
        creation = self.env.ref("accompagnement_entreprise.support_programme_creation")
        audit_rh = self.env.ref("accompagnement_entreprise.support_programme_audit_rh")
        self.assertTrue(creation._ineligibility_reasons(self.establishment))
        self.assertEqual(audit_rh._ineligibility_reasons(self.establishment), [])
        self.establishment.craft_code = False
        self.assertTrue(audit_rh._ineligibility_reasons(self.establishment))

    def test_closed_cases_are_not_checked_again(self):
        case = self._new_case()
        case._close("done")
        self.programme.eligibility_age_max = 3
        other = self.env["territory.establishment"].create(
            {
                "siret": "99999999900029",
                "siren": "999999999",
                "creation_date": fields.Date.today() - relativedelta(years=30),
            }
        )
        case.establishment_id = other
        self.assertEqual(case.eligibility_state, "not_eligible")
