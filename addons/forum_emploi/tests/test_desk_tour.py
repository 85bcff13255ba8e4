from odoo import api
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeskTour(HttpCase):
    def test_desk_tour(self):
        new_test_user(self.env, "fe_tour_desk", groups="forum_emploi.forum_emploi_group_desk")
        forum = self.env["event.event"].create(
            {
                "name": "Forum du tour",
                "event_type_id": self.env.ref("forum_emploi.event_type_job_forum").id,
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": forum.id, "name": "Camille Dupont", "barcode": "4242424242424242"}
        )
        self.start_tour(
            "/odoo/action-forum_emploi.forum_emploi_action_checkin_desk",
            "forum_emploi_checkin_desk_tour",
            login="fe_tour_desk",
        )
        self.assertEqual(registration.state, "done")
        walk_in = self.env["event.registration"].search(
            [("event_id", "=", forum.id), ("is_walk_in", "=", True)]
        )
        self.assertEqual(walk_in.name, "Karim Walkin")
        self.assertEqual(walk_in.state, "done")

    def test_desk_offline_tour(self):
        new_test_user(self.env, "fe_tour_offline", groups="forum_emploi.forum_emploi_group_desk")
        forum = self.env["event.event"].create(
            {
                "name": "Forum hors ligne",
                "event_type_id": self.env.ref("forum_emploi.event_type_job_forum").id,
            }
        )
        Registration = self.env["event.registration"]
        ines, hugo, lea = Registration.create(
            [
                {"event_id": forum.id, "name": name, "barcode": barcode}
                for name, barcode in (
                    ("Inès Guyon", "7373737373737373"),
                    ("Hugo Droz", "8484848484848484"),
                    ("Léa Faivre", "9595959595959595"),
                )
            ]
        )
        received, checked_in = [], []
        RegistrationClass = type(Registration)
        scan, on_check_in = RegistrationClass.forum_desk_scan, RegistrationClass._forum_on_check_in

        @api.model
        def record_scan(model, event_id, barcode, scanned_at=None, scan_uuid=None, **kwargs):
            result = scan(
                model, event_id, barcode, scanned_at=scanned_at, scan_uuid=scan_uuid, **kwargs
            )
            received.append((barcode, scan_uuid, result["status"]))
            return result

        def record_check_in(records):
            checked_in.extend(records.mapped("name"))
            return on_check_in(records)

        self.patch(RegistrationClass, "forum_desk_scan", record_scan)
        self.patch(RegistrationClass, "_forum_on_check_in", record_check_in)
        self.start_tour(
            "/odoo/action-forum_emploi.forum_emploi_action_checkin_desk",
            "forum_emploi_checkin_desk_offline_tour",
            login="fe_tour_offline",
        )
        # Replayed in the order scanned, each scan with its own id, each once.
        self.assertEqual(
            [(barcode, status) for barcode, _uuid, status in received],
            [
                ("7373737373737373", "welcome"),
                ("7373737373737373", "already_checked_in"),
                ("8484848484848484", "welcome"),
                ("9595959595959595", "welcome"),
            ],
        )
        self.assertEqual(len({uuid for _barcode, uuid, _status in received}), 4)
        self.assertEqual(checked_in, ["Inès Guyon", "Hugo Droz", "Léa Faivre"])
        self.assertEqual((ines | hugo | lea).mapped("state"), ["done"] * 3)
        self.assertLessEqual(ines.date_closed, hugo.date_closed)
        self.assertLessEqual(hugo.date_closed, lea.date_closed)
        self.assertEqual(Registration.forum_desk_counters(forum.id)["present"], 3)
