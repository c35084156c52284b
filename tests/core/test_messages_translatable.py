"""Every message a person can read is translatable (issue 10): this test reads the source of `nisi` and fails when an
error a person reads is built from an English literal that no gettext call wraps.

What it checks, in every module of `src/nisi` but the migrations:
- every call of an exception class (`raise X(...)`, `return X(...)`, `error = X(...)`): the message — the first
  argument, or the `detail` of django-ninja's `HttpError(status, detail)` — must not be a plain string, an f-string,
  a literal formatted with `%`, `+` or `.format`, nor a local variable assigned one of those;
- a form's `add_error(field, message)`, a page's `messages.error(request, message)` (and success, info, warning),
  an import's `RowProblem(line, message)`, a problem list's `problems.append(message)` / `errors.append(message)`, and
  the `"detail"` an API answer gives in a dict (`Status(404, {"detail": message})`), and what a `..._problem(s)`
  function returns.
A bare word ("on", "invalid") is a code or a field name, and placeholders with punctuation ("%(column)s: %(problem)s")
join translated pieces: neither is a sentence, and both pass.

What stays English, and why (listed below in INTERNAL, each with its reason):
- programming errors that no input can cause (a parameter registered twice, a naive datetime, a key not registered):
  a developer reads them in a traceback;
- errors on the data files shipped with nisi (law/data/*.yaml, criteria): the build fails on them, before any user;
- the e-government gateway's transport and parsing errors: the gateway records them on the call for the operator
  and raises SourceUnavailable, which carries no words; the person sees the verification's state in their language;
- the gateway simulator, a test double that answers programs, not people;
- the settings' ImproperlyConfigured and the management commands' CommandError/ArgumentTypeError: operator CLI
  messages. The operator runs `nisi ...` in a shell, reads them next to Django's and Python's own English output,
  and pastes them into tickets; translating them would split one CLI into three languages. A command that calls a
  service still shows the service's translated refusal.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import nisi

SRC = Path(nisi.__file__).parent

GETTEXT = frozenset(
    {
        "_",
        "gettext",
        "gettext_lazy",
        "ngettext",
        "ngettext_lazy",
        "pgettext",
        "pgettext_lazy",
        "npgettext",
        "format_lazy",
        "gettext_noop",
    }
)

# Exception classes of Django, django-ninja and argparse that nisi raises with a message.
LIBRARY_EXCEPTIONS = frozenset(
    {
        "ValidationError",
        "PermissionDenied",
        "ImproperlyConfigured",
        "SuspiciousOperation",
        "HttpError",
        "Http404",
        "CommandError",
        "ArgumentTypeError",
    }
)

# (module, or the package it is in; exception class) -> why its messages stay English.
INTERNAL: dict[tuple[str, str], str] = {
    ("nisi.config.settings", "ImproperlyConfigured"): "the operator's deployment settings, read at start-up",
    ("nisi.core.services.signing", "ImproperlyConfigured"): "the operator's signing key file, read at start-up",
    ("nisi.core.management", "CommandError"): "operator CLI",
    ("nisi.core.management", "append"): "operator CLI: the classifier loader's line errors",
    ("nisi.law.management", "CommandError"): "operator CLI",
    ("nisi.law.management", "ArgumentTypeError"): "operator CLI (argparse's own errors are English)",
    ("nisi.registry.management", "CommandError"): "operator CLI",
    ("nisi.astana_hub.management", "CommandError"): "operator CLI",
    ("nisi.verification.management", "CommandError"): "operator CLI",
    (
        "nisi.core.authz",
        "ValueError",
    ): "a record kind or document kind registered twice or wrongly: a programming error",
    ("nisi.core.messages", "ValueError"): "a message key registered twice: a programming error",
    (
        "nisi.core.publication.as_of",
        "ValueError",
    ): "an operation naming a dataset that is not declared: a programming error",
    ("nisi.core.validation", "ValueError"): "a model field without max_length: a programming error",
    ("nisi.core.services.accounts", "ValueError"): "a language code not in LANGUAGES, which the form's choices refuse",
    ("nisi.core.services.documents", "ValueError"): "a document kind not registered: a programming error",
    ("nisi.core.periods", "ValueError"): "a quarter numbered outside 1-4: a programming error (the apps refuse such a "
    "number in the person's language before they build the period)",
    ("nisi.core.services.notifications", "ValueError"): "a message key not registered, or no addressee: programming",
    ("nisi.core.services.journal", "ValueError"): "a naive datetime given to the journal: a programming error",
    ("nisi.core.services.journal", "RuntimeError"): "the journal's retries exhausted: a 500 the operator reads in logs",
    ("nisi.core.services.journal_checkpoints", "ValueError"): "a malformed checkpoint file, caught and reported by the "
    "audit command to the operator",
    ("nisi.core.services.journal_checkpoints", "RuntimeError"): "the audit command's own failure, for the operator",
    ("nisi.core.identifiers", "InvalidIdentifier"): "the check-digit search of the demo's number generator; the "
    "messages a person reads come from `validate`, which translates them",
    ("nisi.law.clock", "ValueError"): "freezing the clock with a naive datetime: tests and the demo only",
    ("nisi.law.money", "TypeError"): "a float given as money: a programming error",
    ("nisi.law.money", "ValueError"): "a malformed amount from code or the shipped data; forms parse amounts first",
    ("nisi.law.enactments", "UnknownLaw"): "law/data/enactments.yaml lacks a law the data cites: fails the build",
    ("nisi.law.enactments", "ValueError"): "a malformed date in the shipped law data: fails the build",
    ("nisi.law.params", "ValueError"): "malformed shipped parameter data (law/data/*.yaml): fails the build",
    ("nisi.law.provisions_parser", "ValueError"): "the shipped provision windows name a missing provision",
    ("nisi.registry.middleware", "NotCanonical"): "carries the query parameter's name; the middleware redirects",
    ("nisi.registry.services.organization_events", "OrganizationEventError"): "a gateway event without a date: "
    "logged by the event consumer, which no person calls",
    ("nisi.verification.events", "ValueError"): "a malformed gateway event: logged by the consumer, no person reads it",
    ("nisi.verification.events", "UnreadablePage"): "a malformed gateway page: logged by the consumer",
    ("nisi.verification.gateway", "TypeError"): "a malformed gateway answer: the gateway shows its own message",
    ("nisi.verification.http1", "HttpError"): "the gateway client's transport error: the gateway shows its own message",
    ("nisi.verification.http1", "ValueError"): "a malformed gateway URL or header: operator configuration",
    ("nisi.verification.rules", "ValueError"): "malformed shipped criteria data: fails the build",
    ("nisi.verification.rules", "UnreadableAnswer"): "a gateway answer not in the agreed form: kept on the gateway "
    "call for the operator, and the call is asked again later as if the source were down",
    ("nisi.verification.simulator", "EventError"): "the gateway simulator answers programs, not people",
    ("nisi.verification.simulator", "return"): "the gateway simulator's refusals answer programs, not people",
    ("nisi.core.publication.datasets", "ValueError"): "a dataset registered twice: a programming error",
    ("nisi.core.publication.views", "ValueError"): "a page naming a dataset that is not declared: a programming error",
    ("nisi.core.publication.selectors", "ValueError"): "a snapshot asked of a list that declares none: the API answers "
    "404 in the reader's language before it asks",
}


@dataclass(frozen=True)
class Finding:
    where: str
    code: str

    def __str__(self) -> str:
        return f"{self.where}: {self.code}"


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _exception_names(trees: list[ast.Module]) -> frozenset[str]:
    """Python's exceptions, the libraries' above, and every class nisi derives from one of them."""
    known = {n for n in dir(builtins) if isinstance(getattr(builtins, n), type)}
    known = {n for n in known if issubclass(getattr(builtins, n), BaseException)} | LIBRARY_EXCEPTIONS
    classes = [c for tree in trees for c in ast.walk(tree) if isinstance(c, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for c in classes:
            if c.name not in known and any(_name(b) in known for b in c.bases):
                known.add(c.name)
                grew = True
    return frozenset(known)


def _is_gettext(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in GETTEXT


PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{[^}]*\}")


def _sentence(value: str) -> bool:
    words = PLACEHOLDER.sub("", value).strip()
    return " " in words and any(ch.isalpha() for ch in words)


def _untranslated(  # noqa: PLR0911 - one return a kind of expression
    node: ast.expr, assigned: dict[str, list[ast.expr]], seen: frozenset[str] = frozenset()
) -> bool:
    """Whether `node` is, or is built from, English text that no gettext call wraps."""
    if _is_gettext(node):
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _sentence(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(v, ast.Constant) and any(ch.isalpha() for ch in PLACEHOLDER.sub("", str(v.value)))
            for v in node.values
        ) or any(_untranslated(v.value, assigned, seen) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _untranslated(node.left, assigned, seen)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _untranslated(node.left, assigned, seen) or _untranslated(node.right, assigned, seen)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _untranslated(node.func.value, assigned, seen)
    if isinstance(node, (ast.Tuple, ast.List)):
        return any(_untranslated(e, assigned, seen) for e in node.elts)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body, assigned, seen) or _untranslated(node.orelse, assigned, seen)
    if isinstance(node, ast.Name) and node.id not in seen:
        return any(_untranslated(v, assigned, seen | {node.id}) for v in assigned.get(node.id, []))
    return False


def _assignments(scope: ast.AST) -> dict[str, list[ast.expr]]:
    out: dict[str, list[ast.expr]] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name) and node.value:
            out.setdefault(node.target.id, []).append(node.value)
    return out


# Calls whose message is not their first argument, by the position it takes.
SECOND_ARGUMENT = frozenset({"HttpError", "add_error", "RowProblem", "success", "error", "info", "warning"})
PAGE_MESSAGES = frozenset({"success", "error", "info", "warning"})


def _message(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in {"message", "detail", "msg", "problems"}:
            return keyword.value
    index = 1 if name in SECOND_ARGUMENT else 0
    return call.args[index] if len(call.args) > index else None


# The rules' and services' functions that return what is wrong, for a page or an answer to show as it is.
PROBLEM_FUNCTIONS = ("_problem", "_problems")


def _carries_message(node: ast.Call, name: str, exceptions: frozenset[str]) -> bool:
    receiver = _name(node.func.value) if isinstance(node.func, ast.Attribute) else None
    return (
        name in exceptions
        or name in {"add_error", "RowProblem"}
        or (name == "append" and receiver in {"problems", "errors"})
        or (name in PAGE_MESSAGES and receiver == "messages")
    )


def _internal(module: str, name: str) -> bool:
    return any((module == where or module.startswith(where + ".")) and name == cls for where, cls in INTERNAL)


def _findings(module: str, tree: ast.Module, exceptions: frozenset[str]) -> Iterator[Finding]:
    """Each call that builds a person's message from English literals, with the assignments of its own function (and
    the module's) to follow a message kept in a variable."""
    module_assigned = _assignments(tree)
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    innermost: dict[int, ast.AST] = {}
    for function in functions:  # ast.walk goes outside in, so an inner function overwrites its outer one
        for node in ast.walk(function):
            innermost[id(node)] = function
    local = {id(f): {**module_assigned, **_assignments(f)} for f in functions}
    for node in ast.walk(tree):
        message: ast.expr | None = None
        if isinstance(node, ast.Call):
            name = _name(node.func) or ""
            if _carries_message(node, name, exceptions) and not _internal(module, name):
                message = _message(node, name)
        elif isinstance(node, ast.Return) and node.value is not None:
            scope = innermost.get(id(node))
            if (
                isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef))
                and scope.name.endswith(PROBLEM_FUNCTIONS)
                and not _internal(module, "return")
            ):
                message = node.value
        elif isinstance(node, ast.Dict):
            message = next(
                (
                    v
                    for k, v in zip(node.keys, node.values, strict=True)
                    if isinstance(k, ast.Constant) and k.value == "detail"
                ),
                None,
            )
        scope = innermost.get(id(node))
        assigned = local[id(scope)] if scope is not None else module_assigned
        if message is not None and _untranslated(message, assigned):
            yield Finding(f"{module}:{node.lineno}", ast.unparse(node)[:140])


def untranslated_messages() -> list[Finding]:
    parsed = [(module, ast.parse(path.read_text(), str(path))) for module, path in _modules()]
    exceptions = _exception_names([tree for _, tree in parsed])
    found = {finding for module, tree in parsed for finding in _findings(module, tree, exceptions)}
    return sorted(found, key=str)


def _snippet_findings(source: str) -> list[Finding]:
    """The findings in a snippet, inside a function of a module that defines the errors it raises."""
    header = (
        "class AppealError(ValueError): ...\nclass FeedError(ValueError): ...\nclass NotCanonical(ValueError): ...\n"
    )
    tree = ast.parse(header + "def f():\n" + "\n".join("    " + line for line in source.splitlines()))
    return list(_findings("nisi.example", tree, _exception_names([tree])))


def test_every_message_a_person_reads_is_wrapped_in_gettext() -> None:
    found = untranslated_messages()
    assert not found, "wrap these messages in gettext where they are raised (EXAMPLES.md):\n" + "\n".join(
        map(str, found)
    )


@pytest.mark.parametrize(
    "source",
    [
        'raise ValueError("Enter the name of the good.")',
        'raise FeedError(f"{number} expired on {day}.")',
        'raise HttpError(422, "The good is not in the register.")',
        'raise ValidationError("Choose a date %s" % day)',
        'message = "Say why."\nraise AppealError(message)',
        'form.add_error("on", "Give a date after 2020.")',
        'problems.append("The visa ends before it starts.")',
        'messages.success(request, "The fee is recorded.")',
        'raise FeedImportError([RowProblem(1, (f"the header lacks {missing}",))])',
        'return Status(404, {"detail": "No such worker."})',
        'def visa_problems():\n    return [f"The visa ends on {day}."]',
    ],
)
def test_the_check_catches_an_english_message(source: str) -> None:
    assert _snippet_findings(source)


@pytest.mark.parametrize(
    "source",
    [
        'raise ValueError(_("Enter the name of the good."))',
        'raise FeedError(_("%(number)s expired on %(day)s.") % {"number": n, "day": d})',
        'raise HttpError(422, gettext("The good is not in the register."))',
        'raise NotCanonical("on")',
        'raise FeedError("%(column)s: %(problem)s." % {"column": c, "problem": p})',
        'message = _("Say why.")\nraise AppealError(message)',
        'messages.success(request, _("The fee is recorded."))',
        'def visa_problems():\n    return [_("The visa ends on %(day)s.") % {"day": day}]',
        'return Status(404, {"detail": _("No such worker.")})',
    ],
)
def test_the_check_passes_a_translated_message(source: str) -> None:
    assert not _snippet_findings(source)
