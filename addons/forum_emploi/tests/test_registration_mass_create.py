import time
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import ForumEmploiCase

# Generous: Odoo kills a request after limit_time_real (120 s by default).
MASS_CREATE_SECONDS = 60
# Queries per registration created in one call: a few multi-row INSERTs per batch, not
# one render and one mail per person as when the event scheduler ran in the request.
QUERIES_PER_REGISTRATION = 0.05


@tagged("post_install", "-at_install")
class TestRegistrationMassCreate(ForumEmploiCase):
    """Registrations are created in seconds; their badges and mails go out from the cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        badge = cls.env.ref("forum_emploi.mail_template_forum_badge")
        now = fields.Datetime.now()
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum des candidats importés",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": now + timedelta(days=10),
                "date_end": now + timedelta(days=10, hours=8),
                # The badge is emailed on registration, as Odoo's confirmation is.
                "event_mail_ids": [
                    Command.clear(),
                    Command.create(
                        {
                            "interval_type": "after_sub",
                            "interval_unit": "now",
                            "interval_nbr": 0,
                            "template_ref": f"mail.template,{badge.id}",
                        }
                    ),
                ],
            }
        )
        cls.scheduler = cls.forum.event_mail_ids
        cls.Registration = cls.env["event.registration"].with_user(cls.organiser)

    def candidates(self, count, start=0):
        return [
            {
                "event_id": self.forum.id,
                "name": f"Candidat {i}",
                "email": f"candidat.{i}@example.com",
                "wished_rome_codes": "h2903",
            }
            for i in range(start, start + count)
        ]

    def triggers(self, xmlid):
        return self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.env.ref(xmlid).id)])

    def mails(self, registrations):
        return self.env["mail.mail"].search(
            [("model", "=", "event.registration"), ("res_id", "in", registrations.ids)]
        )

    def test_asynchronous_scheduler_is_set_at_install(self):
        param = self.env["ir.config_parameter"].sudo().get_param("event.event_mail_async")
        self.assertTrue(param)

    def test_5000_in_one_call_are_created_in_seconds_and_their_mails_queued(self):
        scheduler_triggers = self.triggers("event.event_mail_scheduler")
        vals_list = self.candidates(5000)
        self.env.flush_all()
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        registrations = self.Registration.create(vals_list)
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        queries = self.cr.sql_log_count - queries
        self.assertEqual(len(registrations), 5000)
        self.assertEqual(set(registrations.mapped("state")), {"open"})
        self.assertLess(elapsed, MASS_CREATE_SECONDS)
        self.assertLessEqual(
            queries,
            len(registrations) * QUERIES_PER_REGISTRATION,
            f"{queries} queries for {len(registrations)} registrations",
        )
        # Nothing was rendered nor sent in the request: the scheduler's cron is woken up.
        self.assertFalse(self.mails(registrations))
        self.assertFalse(self.scheduler.mail_registration_ids)
        self.assertGreater(self.triggers("event.event_mail_scheduler"), scheduler_triggers)

    def test_csv_import_of_1000_is_quick_and_queued(self):
        csv_lines = ["name,email,event_id/.id"] + [
            f"Importé {i},importe.{i}@example.com,{self.forum.id}" for i in range(1000)
        ]
        wizard = (
            self.env["base_import.import"]
            .with_user(self.organiser)
            .create(
                {
                    "res_model": "event.registration",
                    "file": "\n".join(csv_lines).encode(),
                    "file_name": "candidats.csv",
                    "file_type": "text/csv",
                }
            )
        )
        start = time.perf_counter()
        result = wizard.execute_import(
            ["name", "email", "event_id/.id"],
            ["name", "email", "event_id/.id"],
            {"has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"},
        )
        elapsed = time.perf_counter() - start
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 1000)
        self.assertLess(elapsed, MASS_CREATE_SECONDS / 2)
        self.assertFalse(self.mails(self.env["event.registration"].browse(result["ids"])))

    def test_the_cron_sends_the_badges_in_batches(self):
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("mail.render.cron.limit", 20)  # registrations per cron run
        ICP.set_param("mail.batch_size", 8)  # mails rendered per batch
        registrations = self.Registration.create(self.candidates(30))
        triggers = self.triggers("event.event_mail_scheduler")

        self.env["event.mail"].sudo().schedule_communications()
        first = self.mails(registrations)
        self.assertEqual(len(first), 20, "one cron run sends its limit")
        self.assertEqual(set(first.mapped("state")), {"outgoing"}, "to the mail queue")
        self.assertEqual(
            [len(mail.attachment_ids) for mail in first], [1] * 20, "each with its badge"
        )
        self.assertEqual(first[0].attachment_ids.name[:8], "Badge - ")
        self.assertGreater(
            self.triggers("event.event_mail_scheduler"), triggers, "the cron calls itself again"
        )
        self.env["event.mail"].sudo().schedule_communications()
        self.assertEqual(len(self.mails(registrations)), 30)
        self.assertEqual(self.scheduler.mail_count_done, 30)

        # The mail queue's cron sends them (the test mail server accepts them).
        self.env["mail.mail"].sudo().process_email_queue(ids=self.mails(registrations).ids)
        self.assertFalse(self.mails(registrations), "sent and deleted (auto_delete)")

    def test_badges_to_email_go_out_in_batches(self):
        registrations = self.Registration.create(self.candidates(7))
        cron = self.env.ref("forum_emploi.ir_cron_send_pending_badges")
        triggers = self.triggers("forum_emploi.ir_cron_send_pending_badges")
        registrations.sudo()._forum_queue_badges()
        self.assertEqual(self.triggers("forum_emploi.ir_cron_send_pending_badges"), triggers + 1)
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id, "done": 0})
        Cron = self.env["event.registration"].with_context(ir_cron_progress_id=progress.id)
        sent = Cron._cron_send_pending_badges(batch_size=5)
        self.assertEqual(len(sent), 5)
        self.assertEqual((progress.done, progress.remaining), (5, 2), "the runner goes on")
        self.assertEqual(len(Cron._cron_send_pending_badges(batch_size=5)), 2)
        self.assertEqual(progress.remaining, 0)
        mails = self.mails(registrations)
        self.assertEqual(len(mails), 7)
        self.assertEqual([len(mail.attachment_ids) for mail in mails], [1] * 7)
