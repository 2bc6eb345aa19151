"""The demo help center: its content as data files in `content/` and the code that loads them.

`load.seed()` builds everything (pages, translations, editor guide, regions, contact forms,
search terms, demo users); `manage.py seed_demo` calls it. Only the project wiring (`cms`) and
the tests import this package; the feature apps know nothing of it. The format of the data
files is described in docs/demo-content-format.md.
"""
