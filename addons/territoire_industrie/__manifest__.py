{
    "name": "Territoires d'industrie",
    "summary": "Territories, partner organisations, conventions and action plans "
    "for local economic development",
    "version": "18.0.1.0.0",
    "category": "Territorial Development",
    "author": "Territoires Suite",
    "maintainers": ["territoires-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["contacts", "mail", "calendar"],
    "data": [
        "security/territoire_industrie_security.xml",
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/territory_establishment_views.xml",
        "views/territory_sirene_import_views.xml",
        "views/territory_company_lookup_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["territoire_industrie/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
