#!/usr/bin/python3
"""prio's public C++ API, one declaration a line, read from the headers by libclang.

    scripts/api-list.py              prints the list (sorted, deterministic)
    scripts/api-list.py --check F    exits 1 if F (docs/api.txt) differs, with a diff
    scripts/api-list.py --write F    writes F
    scripts/api-list.py --check F --errors E
                                     also checks that E (docs/errors.md) has a
                                     row `| N | `name` | ...` for every prio::errc

A public name is any declaration in a public header (include/prio/**, not
include/prio/detail/ and not the C header) that is in namespace prio, is not in
a `detail` namespace, and is not a private or protected member. Each line is
`kind qualified-name: type`, where type is the function type, the variable or
field type, or the underlying type of an alias; the inline namespace `v1` is
left out. The same walk reports every public signature that names a `detail::`
type and every public header that opens a `detail` namespace: both are errors
(a private type may not appear in the public API, and private helpers live in
include/prio/detail/, where a public header includes them).

Needs Debian's python3-clang-14 (scripts/install-deps.sh installs it) and is
run by /usr/bin/python3, where Debian puts that module.
"""
import difflib
import pathlib
import sys

try:
    import clang.cindex as ci
except ImportError:  # exit code 77: ctest reports the test as skipped
    print("api-list: needs Debian's python3-clang-14 (scripts/install-deps.sh)", file=sys.stderr)
    sys.exit(77)

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
PUBLIC = INCLUDE / "prio"
DETAIL = PUBLIC / "detail"
LIBCLANG = "/usr/lib/llvm-14/lib/libclang.so.1"

K = ci.CursorKind
KINDS = {
    K.FUNCTION_DECL: "function",
    K.FUNCTION_TEMPLATE: "function",
    K.CXX_METHOD: "method",
    K.CONSTRUCTOR: "constructor",
    K.CONVERSION_FUNCTION: "conversion",
    K.CLASS_DECL: "class",
    K.STRUCT_DECL: "struct",
    K.CLASS_TEMPLATE: "class",
    K.ENUM_DECL: "enum",
    K.ENUM_CONSTANT_DECL: "enumerator",
    K.FIELD_DECL: "field",
    K.VAR_DECL: "variable",
    K.TYPE_ALIAS_DECL: "alias",
    K.TYPEDEF_DECL: "alias",
    K.CONCEPT_DECL if hasattr(K, "CONCEPT_DECL") else K.UNEXPOSED_DECL: "concept",
}
SCOPES = {K.NAMESPACE, K.CLASS_DECL, K.STRUCT_DECL, K.CLASS_TEMPLATE, K.ENUM_DECL}


def headers():
    return sorted(p for p in PUBLIC.rglob("*.hpp") if DETAIL not in p.parents)


def public_file(cursor):
    f = cursor.location.file
    if f is None:
        return False
    p = pathlib.Path(f.name).resolve()
    return PUBLIC in p.parents and DETAIL not in p.parents


def qualified(parts):
    return "::".join(p for p in parts if p != "v1")


def type_of(c):
    if c.kind in (K.TYPE_ALIAS_DECL, K.TYPEDEF_DECL):
        return c.underlying_typedef_type.spelling
    if c.kind == K.ENUM_CONSTANT_DECL:
        return str(c.enum_value)
    if c.kind in (K.CLASS_DECL, K.STRUCT_DECL, K.CLASS_TEMPLATE, K.ENUM_DECL):
        return ""
    if c.kind == K.FUNCTION_TEMPLATE:
        params = [a.type.spelling for a in c.get_children() if a.kind == K.PARM_DECL]
        return f"{c.result_type.spelling} ({', '.join(params)})"
    return c.type.spelling


def walk(cursor, scope, out, leaks, seen):
    for c in cursor.get_children():
        if c.kind == K.NAMESPACE:
            if c.spelling == "detail" and public_file(c):
                loc = c.location
                leaks.append(f"{pathlib.Path(loc.file.name).relative_to(ROOT)}:{loc.line}: opens namespace "
                             f"{qualified(scope + ['detail'])} (private helpers belong in include/prio/detail/)")
            if c.spelling == "detail" or (not scope and c.spelling != "prio"):
                continue
            walk(c, scope + [c.spelling], out, leaks, seen)
            continue
        if not scope or not public_file(c):
            continue
        if c.access_specifier in (ci.AccessSpecifier.PRIVATE, ci.AccessSpecifier.PROTECTED):
            continue
        kind = KINDS.get(c.kind)
        if kind is None or not c.spelling:
            continue
        name = qualified(scope + [c.spelling])
        t = type_of(c)
        line = f"{kind} {name}" + (f": {t}" if t else "")
        line = line.replace("prio::v1::", "prio::")
        if line not in seen:
            seen.add(line)
            out.append(line)
            if "detail::" in t:
                loc = c.location
                leaks.append(f"{pathlib.Path(loc.file.name).relative_to(ROOT)}:{loc.line}: {line}")
        if c.kind in SCOPES:
            walk(c, scope + [c.spelling], out, leaks, seen)


def api():
    ci.Config.set_library_file(LIBCLANG)
    source = "".join(f'#include "{p.relative_to(INCLUDE)}"\n' for p in headers())
    args = ["-x", "c++", "-std=c++20", f"-I{INCLUDE}", "-I/usr/include/eigen3"]
    tu = ci.Index.create().parse("prio_api.cpp", args=args, unsaved_files=[("prio_api.cpp", source)],
                                 options=ci.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES)
    errors = [d for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errors:
        for d in errors:
            print(f"api-list: {d.location.file}:{d.location.line}: {d.spelling}", file=sys.stderr)
        sys.exit(2)
    out, leaks, seen = [], [], set()
    walk(tu.cursor, [], out, leaks, seen)
    return sorted(out), leaks


def check_errors(lines, path):
    """Every `enumerator prio::errc::NAME: N` has a row `| N | `NAME` |` in path."""
    text = pathlib.Path(path).read_text()
    codes = [line.split()[1].rsplit("::", 1)[1].rstrip(":") + " " + line.rsplit(" ", 1)[1]
             for line in lines if line.startswith("enumerator prio::errc::")]
    missing = [c for c in codes if f"| {c.split()[1]} | `{c.split()[0]}` |" not in text]
    for c in missing:
        print(f"api-list: {path} has no row for prio::errc::{c.split()[0]} ({c.split()[1]})", file=sys.stderr)
    if not codes:
        print("api-list: found no prio::errc enumerators", file=sys.stderr)
        return 1
    if missing:
        return 1
    print(f"api-list: {path} describes all {len(codes)} error codes")
    return 0


def main(argv):
    errors_doc = None
    if len(argv) == 5 and argv[3] == "--errors":
        errors_doc = argv[4]
        argv = argv[:3]
    lines, leaks = api()
    text = "".join(line + "\n" for line in lines)
    status = 0
    if leaks:
        print("api-list: private (detail) names in public headers:", file=sys.stderr)
        for leak in leaks:
            print("  " + leak, file=sys.stderr)
        status = 1
    if errors_doc:
        status |= check_errors(lines, errors_doc)
    if len(argv) == 3 and argv[1] == "--write":
        pathlib.Path(argv[2]).write_text(text)
    elif len(argv) == 3 and argv[1] == "--check":
        old = pathlib.Path(argv[2]).read_text()
        if old != text:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True), argv[2], "headers"))
            print(f"api-list: the public API differs from {argv[2]}; if the change is deliberate, run "
                  f"scripts/api-list.py --write {argv[2]} and commit it with the change", file=sys.stderr)
            status = 1
        else:
            print(f"api-list: {len(lines)} public declarations, as in {argv[2]}")
    elif len(argv) == 1:
        sys.stdout.write(text)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
