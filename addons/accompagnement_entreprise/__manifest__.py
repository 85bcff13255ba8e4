{
    "name": "Accompagnement des entreprises",
    "summary": "Company support pipelines per programme: business transfer, "
    "digitalisation, public procurement, RH+ and Dév'com+ audits, field visits, HR club",
    "version": "18.0.1.0.0",
    "category": "Territorial Development",
    "author": "Territoires Suite",
    "maintainers": ["territoires-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["territoire_industrie", "crm", "event"],
    "data": [
        "security/accompagnement_entreprise_security.xml",
        "security/ir.model.access.csv",
        "data/support_programme_data.xml",
        "views/support_programme_views.xml",
        "views/menus.xml",
    ],
    "application": True,
    "installable": True,
}
