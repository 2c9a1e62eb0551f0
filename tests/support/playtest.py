"""The fork story of the play-testing tests: three choices, a gate every run passes and
two endings, so its reach, splits and personas are known."""

MANIFEST = """\
id: t
title: T
start: start
stats:
  trust: {min: 0, max: 10, initial: 5}
flags:
  kind: Kind
endings:
  - {id: loyal, title: Loyal}
  - {id: alone, title: Alone}
files: [one.yaml]
"""

FORK = """\
nodes:
  start:
    text: Who do you stand with?
    choices:
      - {id: him, text: Him, effects: [trust += 5], goto: mid}
      - {id: nobody, text: Nobody, tags: [risky], effects: [trust -= 5], goto: mid}
      - {id: ghost, text: Never shown, if: trust > 100, goto: mid}
  mid:
    text:
      - Later.
      - {if: trust >= 0, text: The gate every run passes.}
    next:
      - {if: trust >= 10, goto: end_loyal}
      - {goto: end_alone}
  end_loyal:
    text: He trusts you.
    ending: loyal
  end_alone:
    text: You are alone.
    ending: alone
"""
