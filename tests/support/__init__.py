"""What tests share, kept out of test modules and conftest files: a test imports from here,
never from another test module or a conftest (each folder then runs alone or with any
other). `stories`: small stories and fixture paths; `playtest`: the fork story with known
answers; `saves`: the saves tests' story and run; `faults`: disks that fail; `ui`: driving
the app with Pilot; `scripted`: scripted plays of the shipped story; `app_words`: the app's
own English strings; `cpu_report`: a plugin that measures each test's CPU (docs/testing.md)."""
