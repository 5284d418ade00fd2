package stack

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// importsPy reads each Python file named on its command line with the ast
// module and prints, as JSON, the imports nothing in the file uses and the
// names the file reads that nothing binds (a missing import). Scopes are
// not told apart: a name bound anywhere counts as bound everywhere, which
// is enough for generated code that never shadows an import. An import on
// a line marked "noqa" (an import for its side effects) is left alone.
const importsPy = `
import ast, builtins, json, sys

out = {}
for path in sys.argv[1:]:
    src = open(path).read()
    lines = src.splitlines()
    tree = ast.parse(src, path)
    imported, bound, read = {}, set(dir(builtins)), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                name = a.asname or a.name.split(".")[0]
                bound.add(name)
                if "noqa" not in lines[node.lineno - 1]:
                    imported[name] = node.lineno
        elif isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    bad = ["line %d imports %s, which nothing uses" % (line, name) for name, line in sorted(imported.items()) if name not in read]
    bad += ["%s is read but never imported or bound" % name for name in sorted(read - bound)]
    if bad:
        out[path] = bad
print(json.dumps(out))
`

// TestPythonImportsMatchUse: every generated Python file (Flask, FastAPI,
// Django, for every checked configuration) imports exactly what it uses:
// no import left unused (Flask's request without a PUT route), no name
// used without its import.
func TestPythonImportsMatchUse(t *testing.T) {
	bin := lookPath(t, "python3", "python3")
	code := snippetsByLang(t)["python"]
	if len(code) == 0 {
		t.Fatal("no python snippets")
	}
	dir := t.TempDir()
	var files []string
	where := map[string]string{}
	for c, from := range code {
		f := filepath.Join(dir, fmt.Sprintf("s%d.py", len(files)))
		if err := os.WriteFile(f, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		where[f] = from + "\n" + numbered(c)
	}
	out, err := exec.Command(bin, append([]string{"-c", importsPy}, files...)...).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var bad map[string][]string
	if err := json.Unmarshal(out, &bad); err != nil {
		t.Fatalf("reading %q: %v", out, err)
	}
	for f, b := range bad {
		t.Errorf("%s\n%s", strings.Join(b, "\n"), where[f])
	}
	t.Logf("%d distinct Python files checked", len(files))
}

// TestImportsCheckCatches: the check above finds an unused import and a
// missing one.
func TestImportsCheckCatches(t *testing.T) {
	bin := lookPath(t, "python3", "python3")
	f := filepath.Join(t.TempDir(), "bad.py")
	src := "import os\nfrom flask import Flask, request  # request unused\nimport threading  # noqa: F401\n\napp = Flask(__name__)\nprint(time.time())\n"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-c", importsPy, f).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	got := string(out)
	for _, want := range []string{"imports os,", "imports request,", "time is read"} {
		if !strings.Contains(got, want) {
			t.Errorf("check of %q said %s; want it to say %q", src, got, want)
		}
	}
	if strings.Contains(got, "threading") {
		t.Errorf("check flagged an import marked noqa: %s", got)
	}
}

// requireRE matches a CommonJS import: const x = require("m") or
// const { a, b } = require("m").
var requireRE = regexp.MustCompile(`(?m)^const (\{[^}]*\}|\w+) = require\("[^"]+"\);$`)

// TestNodeRequiresUsed: every name the generated server.js requires is used
// further down the file.
func TestNodeRequiresUsed(t *testing.T) {
	for code, from := range snippetsByLang(t)["javascript"] {
		for _, m := range requireRE.FindAllStringSubmatchIndex(code, -1) {
			names := strings.Trim(code[m[2]:m[3]], "{} ")
			rest := code[m[1]:]
			for _, n := range strings.Split(names, ",") {
				n = strings.TrimSpace(n)
				if !regexp.MustCompile(`\b` + regexp.QuoteMeta(n) + `\b`).MatchString(rest) {
					t.Errorf("%s requires %s, which nothing uses\n%s", from, n, numbered(code))
				}
			}
		}
	}
}
