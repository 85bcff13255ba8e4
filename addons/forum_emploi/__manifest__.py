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
    "depends": ["territoire_industrie", "event"],
    "data": [
        "security/forum_emploi_security.xml",
        "data/event_type_data.xml",
        "views/event_type_views.xml",
        "views/event_event_views.xml",
        "views/menus.xml",
    ],
    "application": True,
    "installable": True,
}
