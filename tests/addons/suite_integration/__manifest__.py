{
    "name": "Suite integration tests",
    "summary": "Cross-addon tests of the territorial development suite (test-only addon)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "Territoires Suite",
    "maintainers": ["territoires-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["territoire_industrie", "accompagnement_entreprise", "forum_emploi"],
    "assets": {
        "web.assets_tests": [
            "suite_integration/static/tests/tours/*",
        ],
    },
    "installable": True,
}
