// Package stack writes, for a simulated deployment, the code, settings and command lines to look for and to change in a real web stack.
package stack

import (
	"fmt"
	"strings"

	"github.com/cachepit/cachepit/sim"
)

// Snippet is one file or command line to write in the user's project.
type Snippet struct {
	Name string // where it goes: "app.py", "config/puma.rb", "command line"
	Lang string // python, javascript, ruby, nginx, shell: what checks it
	Code string
}

// Section is one heading of the generated text: what you have, the fix, ...
type Section struct {
	Heading  string
	Text     []string // paragraphs
	Snippets []Snippet
}

// Code is everything generated for one stack and one Config.
type Code struct {
	Stack    string // the picker's name: "django"
	Title    string // "Django + gunicorn"
	Summary  string // the settings in one line
	Sections []Section
}

// stack describes one entry of the picker. snippets writes the code for a
// cache mode (local, shared or tiered); serve starts one process on a port,
// for routing by key; notes are the stack's own plain statements.
type stack struct {
	name, title string
	label       string // the picker's, where title is too long for a phone's (375 px); "" is title
	stats       string // the cache statistics endpoint of the generated app
	snippets    func(s settings, mode string) []Snippet
	serve       func(s settings, port int) string
	notes       func(s settings) []string
	post        bool // for one key, writes the post's app: a cached function without arguments behind GET /
}

var stacks = []stack{flask, django, fastapi, node, rails, nginx, php, golang}

// Stacks lists the picker's names, in its order.
func Stacks() []string {
	out := make([]string, len(stacks))
	for i, s := range stacks {
		out[i] = s.name
	}
	return out
}

// Titles maps each name of Stacks to its title.
func Titles() map[string]string {
	out := map[string]string{}
	for _, s := range stacks {
		out[s.name] = s.title
	}
	return out
}

// Labels maps each name of Stacks to the picker's label for it: its title,
// shortened where a phone's picker would cut it.
func Labels() map[string]string {
	out := Titles()
	for _, s := range stacks {
		if s.label != "" {
			out[s.name] = s.label
		}
	}
	return out
}

// Generate writes the code for stack name (one of Stacks) and config c.
func Generate(c sim.Config, name string) (Code, error) {
	if err := c.Validate(); err != nil {
		return Code{}, err
	}
	for _, st := range stacks {
		if st.name == name {
			return st.generate(from(c)), nil
		}
	}
	return Code{}, fmt.Errorf("unknown stack %q: the stacks are %s", name, strings.Join(Stacks(), ", "))
}

func (st stack) generate(s settings) Code {
	code := Code{Stack: st.name, Title: st.title, Summary: s.summary()}
	if st.notes != nil {
		if n := st.notes(s); len(n) > 0 {
			code.Sections = append(code.Sections, Section{Heading: "About " + st.title, Text: n})
		}
	}
	if st.snippets != nil {
		have, fix := haveAndFix(s.Mode)
		if s.PerHost > 0 {
			have, fix = perHost(s)
		}
		if s.post() && !st.post {
			have.text = append(have.text, "The post's app caches a function without arguments behind GET /: one key. "+
				"In this code that one key is item 0, read with GET /item/0.")
		}
		other := s.in(fix.mode)
		if st.post {
			have.text = append(have.text, keyLRUWhy(s, s.Mode)...)
			fix.text = append(fix.text, keyLRUWhy(other, fix.mode)...)
		}
		code.Sections = append(code.Sections,
			Section{Heading: have.heading, Text: append(have.text, guards(s, s.Mode)...), Snippets: st.snippets(s, s.Mode)},
			Section{Heading: fix.heading, Text: append(fix.text, guards(other, fix.mode)...), Snippets: st.snippets(other, fix.mode)},
		)
	}
	if st.serve != nil && (s.KeyHash || st.name == "nginx") {
		code.Sections = append(code.Sections, routing(s, st.serve))
	}
	code.Sections = append(code.Sections, spot(s, st.stats))
	return code
}

type part struct {
	heading string
	text    []string
	mode    string
}

// haveAndFix names the two code sections: what the settings describe, and
// the other side (the fix for a per-process cache, the pitfall for a shared one).
func haveAndFix(mode string) (have, other part) {
	shared := part{"The fix: one shared cache (Redis or Memcached)", []string{
		"Every process reads, writes and deletes the same copy, so a write is seen by all of them and a recycled process finds the cache warm.",
	}, "shared"}
	switch mode {
	case "shared":
		return part{heading: "What you have: one shared cache (the fix)", text: []string{
				"Every process uses the same cache over the network: one copy of each key, no stale reads from other processes, at the price of a round trip per lookup.",
			}},
			part{"The pitfall to avoid: one cache per process", []string{
				"This is what the shared cache replaces: every process keeps its own copy, misses every key once, and keeps serving old values after another process handles a write.",
			}, "local"}
	case "tiered":
		return part{heading: "What you have: a cache in each process in front of a shared one", text: []string{
			"A local hit costs no round trip, but the local copies are the pitfall again: a write deletes the shared copy and this process's copy only; the others serve the old value until their copy expires or is evicted.",
		}}, shared
	}
	return part{heading: "What you have: one cache per process (the pitfall)", text: []string{
		"Each worker process has its own memory, so its own cache: N copies of the hot keys, N cold misses per key, and a write that reaches only the process that handled it.",
	}}, shared
}

// perHost names the two code sections when the settings' shared cache is
// a server on each host: the code is a shared cache's, and the pitfall is
// where it points.
func perHost(s settings) (have, fix part) {
	heading := "What you have: one cache per host (a Redis or Memcached on each host)"
	if s.Mode == "tiered" {
		heading = "What you have: a cache in each process in front of one per host"
	}
	have = part{heading: heading, text: []string{fmt.Sprintf(
		"The code is a shared cache's; what makes it a cache per host is where it points: each host's processes talk to a server on their own host "+
			"(127.0.0.1, the address in the code below). They agree with each other, but the %d hosts hold %d copies of the hot keys, "+
			"a host that restarts comes back cold, and a write deletes the key on its own host's cache only: the pitfall one level up.", s.PerHost, s.PerHost)}}
	fix = part{"The fix: one cache for every host", []string{
		"The same code, with every host pointed at one Redis or Memcached that all of them reach: one copy of each key, " +
			"and a write seen by all. The other fix is to route each key to one host at the load balancer (consistent hashing).",
	}, "shared"}
	return have, fix
}

// guards says what the code for mode adds against a stampede and an outage.
func guards(s settings, mode string) []string {
	var out []string
	switch {
	case s.lock(mode):
		out = append(out, "A lock in the shared cache stops a stampede: the first process to miss a key takes it with one atomic command "+
			"(Redis's SET NX, Memcached's add) and fetches; the others wait a moment and read its copy. A key that expires, or that a write deleted, "+
			"costs one database read, not one per process. A TTL alone does not do this: when it runs out, every process that misses fetches at once.")
	case s.Coalesce == "worker":
		out = append(out, "Single flight inside each process: a request that misses waits for another request's fetch of the same key in the same process. "+
			"It shares nothing across processes, and a worker that serves one request at a time (gunicorn's sync worker) never has a second request waiting: "+
			"there it changes nothing. The lock that stops a stampede across processes lives in the shared cache.")
	}
	if s.failOpen(mode) {
		out = append(out, "The shared cache can go down. Its client fails open: short timeouts, every error caught and counted, and the request goes on to the database, "+
			"so an outage costs speed, not answers; writes still go to the database. Size the database for the day the cache is gone. "+
			"If the cache was only unreachable and kept its data, a delete that failed leaves the old copy in it: a TTL on shared entries bounds how long.")
	}
	return out
}

// Text is the whole generated page as plain text, as `cachepit sim --code` prints it.
func (c Code) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n# %s\n", c.Title, c.Summary)
	for _, s := range c.Sections {
		fmt.Fprintf(&b, "\n## %s\n", s.Heading)
		for _, t := range s.Text {
			fmt.Fprintf(&b, "\n%s\n", t)
		}
		for _, sn := range s.Snippets {
			fmt.Fprintf(&b, "\n--- %s\n%s", sn.Name, sn.Code)
			if !strings.HasSuffix(sn.Code, "\n") {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}
