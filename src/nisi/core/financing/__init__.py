"""Financing by call, independent expert assessment and agreement, shared by every app that finances projects
(ADR 27): the Astana Hub Fund's financing of cluster actors' projects (AH-10.2-1) first, the industrial grants of
the national development institutes (IP-42) next.

* `rules` — pure: a call's terms and whether it is open on a date, the scoring criteria and the expert scores, the
  aggregation with the recused experts left out, the decision down the ranking, the agreement's tranches and what
  stands in the way of paying one, the reporting periods with their due dates and timeliness.
* `models` — abstract models the apps' tables inherit: the fields, the statuses and the constraints (named by the
  app), never the relations between an app's own tables (each app keeps its own foreign keys).
* `policies` — the policy tables of the assessment panel and of the agreement, for the roles the app names.
* `services` and `agreements` — the writes, parameterized by a `Scheme`: the app's concrete models, its journal
  subjects, its message keys, its numbering and the provisions its law decides by.

The core decides nothing by one app's law: every provision id comes from the app's `Scheme` or the caller.
"""
