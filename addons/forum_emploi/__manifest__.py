{
    "name": "Forums emploi",
    "summary": "Job forums and business meetings on Odoo Events: exhibitors, stands, "
    "job offers, candidates, badges and a fast check-in desk",
    "version": "18.0.1.0.0",
    "category": "Territorial Development",
    "author": "Territoires Suite",
    "maintainers": ["territoires-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["territoire_industrie", "event", "event_booth"],
    "data": [
        "security/forum_emploi_security.xml",
        "security/ir.model.access.csv",
        "data/event_type_data.xml",
        "data/ir_cron_data.xml",
        "views/event_type_views.xml",
        "views/forum_zone_views.xml",
        "views/forum_exhibitor_views.xml",
        "views/forum_job_offer_views.xml",
        "views/forum_interview_views.xml",
        "views/event_booth_views.xml",
        "views/event_registration_views.xml",
        "report/forum_badge_report.xml",
        "report/forum_offer_wall_report.xml",
        "data/mail_template_data.xml",
        "views/forum_public_templates.xml",
        "views/event_event_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/forum_emploi_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "forum_emploi/static/src/desk/*",
        ],
        "web.assets_tests": [
            "forum_emploi/static/tests/tours/*",
        ],
    },
    "application": True,
    "installable": True,
}
