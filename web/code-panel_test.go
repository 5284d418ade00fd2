package web

import (
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func TestParseStack(t *testing.T) {
	for _, tt := range []struct{ in, want, notice string }{
		{"django", "django", ""},
		{"go", "go", ""},
		{"", DefaultStack, "must be one of flask, django"},
		{"cobol", DefaultStack, `got "cobol"`},
	} {
		got, notice := ParseStack(tt.in)
		if got != tt.want || (tt.notice == "") != (notice == "") || !strings.Contains(notice, tt.notice) {
			t.Errorf("ParseStack(%q) = %q, %q; want %q and a notice containing %q", tt.in, got, notice, tt.want, tt.notice)
		}
	}
}

func TestCodePanelFollowsSettings(t *testing.T) {
	c := sim.Default()
	c.Workers, c.Cache, c.MaxRequests = 6, 30, 200
	got := html(&CodePanel{Config: c, Stack: "django"})
	for _, want := range []string{
		`id="code-stack"`, "Django + gunicorn", "Rails + Puma in cluster mode",
		"locmem.LocMemCache", `&#34;MAX_ENTRIES&#34;: 30`, "redis.RedisCache", "post_save",
		"gunicorn -w 6 --max-requests 200 mysite.wsgi", "How to spot it in production", "<li>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("panel lacks %q", want)
		}
	}
	if !optionSelected(got, "django") {
		t.Errorf("django is not the selected stack")
	}
	if n := strings.Count(got, "<option"); n != 8 {
		t.Errorf("%d stacks in the picker; want 8", n)
	}
	if got := html(&CodePanel{Config: c}); !optionSelected(got, "flask") || !strings.Contains(got, "load_item = KeyLRU(load_item, maxsize=30)") {
		t.Errorf("panel without a stack does not show Flask: %s", got)
	}
	if got := html(&CodePanel{Config: c, Stack: "cobol"}); !strings.Contains(got, `role="alert"`) || !strings.Contains(got, "unknown stack") {
		t.Errorf("bad stack: %s", got)
	}
}

// The panel regenerates its text only when its props change.
func TestCodePanelGeneratesOnChange(t *testing.T) {
	p := &CodePanel{Config: sim.Default(), Stack: "node"}
	first, _ := p.code()
	p.Config.Workers = 9
	second, _ := p.code()
	if first.Summary == second.Summary || !strings.Contains(second.Summary, "9 worker processes") {
		t.Errorf("summary %q after changing workers; before %q", second.Summary, first.Summary)
	}
	var _ app.UI = p
}

// optionSelected reports whether the <option> of value v is selected,
// whatever order go-app writes its attributes in (it writes them from a map).
func optionSelected(page, v string) bool {
	for _, tag := range strings.Split(page, "<option")[1:] {
		tag, _, _ = strings.Cut(tag, ">")
		if strings.Contains(tag, `value="`+v+`"`) {
			return strings.Contains(tag, "selected")
		}
	}
	return false
}

// The handout names every framework's per-process default and its fixes.
func TestHandoutStacks(t *testing.T) {
	got := html(&Handout{})
	for _, want := range []string{
		"LocMemCache", "django.core.cache.backends.redis.RedisCache", "SimpleCache", ":memory_store", ":redis_cache_store", "lru-cache",
		"Django + gunicorn", "cachepit sim --code STACK",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("handout lacks %q", want)
		}
	}
}
