"""The editor guide: tutorials for the people who write and translate the help center, kept as
translatable snippets (`models`) and read under "Editor guide" in the admin (`admin`, `views`,
templates in snippets/templates/snippets/editor_guide/)."""
