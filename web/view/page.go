package view

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
)

// MaxAt caps how far a link may ask the page to run before drawing.
const MaxAt = 20_000_000

// PageState is everything the URL holds: the engine settings plus the
// page's own parameters. The URL fully determines the run.
type PageState struct {
	Config    sim.Config
	Compare   bool         // draw a second system on the same request stream
	At        int64        // run this many requests, then pause; -1 means play from 0
	Restarts  []Restart    // manual worker restarts, in order
	Deploys   []run.Deploy // restarts of every worker, in order
	Presenter bool         // large type for a projector
	Stack     string       // the "In your app" panel's stack as the link names it; "" for DefaultStack
}

// Page parameters that are not engine settings.
const (
	paramCompare   = "compare"
	paramAt        = "at"
	paramRestarts  = "restarts"
	paramDeploys   = "deploys"
	paramWasm      = "wasm" // go-app's own: wasm=false serves the page without the simulator; not a setting
	paramPresenter = "presenter"
)

// DefaultPage is the state of a page opened without a query.
func DefaultPage() PageState { return PageState{Config: sim.Default(), At: -1} }

// ParsePage reads a page URL's query. Bad values keep their defaults and are
// listed in the notices, one per bad parameter.
func ParsePage(rawQuery string) (PageState, []string) {
	st := DefaultPage()
	var notes []string
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		notes = append(notes, "query: "+err.Error())
	}
	if s, ok := pop(v, paramCompare); ok {
		b, err := strconv.ParseBool(s)
		if err != nil {
			notes = append(notes, fmt.Sprintf("compare must be true or false, got %q", s))
		}
		st.Compare = b
	}
	if n, note := popAt(v); note != "" {
		notes = append(notes, note)
	} else if n >= 0 {
		st.At = n
	}
	if s, ok := pop(v, paramPresenter); ok {
		b, err := strconv.ParseBool(s)
		if err != nil {
			notes = append(notes, fmt.Sprintf("presenter must be 1 or 0, got %q", s))
		}
		st.Presenter = b
	}
	if n := popStack(v, &st.Stack); n != "" {
		notes = append(notes, n)
	}
	pop(v, paramWasm)
	restarts, _ := pop(v, paramRestarts)
	deploys, _ := pop(v, paramDeploys)
	cfg, err := sim.ParseValues(v)
	st.Config = cfg
	for _, n := range flatten(err) {
		notes = append(notes, withModeLabels(n))
	}
	if restarts != "" {
		rs, err := parseRestarts(restarts, cfg.Workers)
		if err != nil {
			notes = append(notes, err.Error())
		}
		st.Restarts = rs
	}
	if deploys != "" {
		ds, err := parseDeploys(deploys)
		if err != nil {
			notes = append(notes, err.Error())
		}
		st.Deploys = ds
	}
	return st, notes
}

func pop(v url.Values, k string) (string, bool) {
	vals, ok := v[k]
	delete(v, k)
	if !ok || len(vals) == 0 {
		return "", false
	}
	return vals[len(vals)-1], true
}

// popAt reads and removes at=, the request a page opens paused at: -1 when
// absent, or a notice naming the bad value.
func popAt(v url.Values) (at int64, note string) {
	s, ok := pop(v, paramAt)
	if !ok {
		return -1, ""
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > MaxAt {
		return -1, fmt.Sprintf("at must be a whole number from 0 to %s, got %q", Count(MaxAt), s)
	}
	return n, ""
}

// flatten lists the messages of a joined error, one per setting.
func flatten(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}

// formatRestarts is the inverse of parseRestarts.
func formatRestarts(rs []Restart) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%d.%d", r.Seq, r.Worker)
	}
	return strings.Join(parts, ",")
}

func parseRestarts(s string, workers int) ([]Restart, error) {
	var out []Restart
	for _, part := range strings.Split(s, ",") {
		seq, w, ok := strings.Cut(part, ".")
		n, err1 := strconv.ParseInt(seq, 10, 64)
		i, err2 := strconv.Atoi(w)
		if !ok || err1 != nil || err2 != nil || n < 0 || n > MaxAt || i < 0 || i >= workers {
			return nil, errors.New(`restarts must be a list of request.worker pairs such as "120.0,400.3", got ` + strconv.Quote(s))
		}
		out = append(out, Restart{Seq: n, Worker: i})
	}
	run.SortRestarts(out)
	return out, nil
}

// Query encodes the state as a URL query; settings at their default are left out.
func (st PageState) Query() string {
	q := st.Config.Query()
	var extra []string
	if st.Compare {
		extra = append(extra, paramCompare+"=true")
	}
	if st.At >= 0 {
		extra = append(extra, paramAt+"="+strconv.FormatInt(st.At, 10))
	}
	if len(st.Restarts) > 0 {
		extra = append(extra, paramRestarts+"="+formatRestarts(st.Restarts))
	}
	if len(st.Deploys) > 0 {
		extra = append(extra, paramDeploys+"="+formatDeploys(st.Deploys))
	}
	if st.Presenter {
		extra = append(extra, paramPresenter+"=1")
	}
	if s := stackQuery(st.Stack); s != "" {
		extra = append(extra, s)
	}
	for _, e := range extra {
		if q != "" {
			q += "&"
		}
		q += e
	}
	return q
}

// formatDeploys writes each deploy as its request number, with "r" when
// it was rolling: "1200,5000r".
func formatDeploys(ds []run.Deploy) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = strconv.FormatInt(d.Seq, 10)
		if d.Rolling {
			parts[i] += "r"
		}
	}
	return strings.Join(parts, ",")
}

func parseDeploys(s string) ([]run.Deploy, error) {
	var out []run.Deploy
	for _, part := range strings.Split(s, ",") {
		num, rolling := strings.CutSuffix(part, "r")
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil || n < 0 || n > MaxAt {
			return nil, errors.New(`deploys must be a list of request numbers, "r" after a rolling one, such as "1200,5000r", got ` + strconv.Quote(s))
		}
		out = append(out, run.Deploy{Seq: n, Rolling: rolling})
	}
	return out, nil
}

// ModeLabels are the settings menu's words for the cache modes a link
// spells local, host and tiered-host.
var ModeLabels = map[string]string{"local": "per worker", "host": "per host", "tiered-host": "tiered per host"}

// withModeLabels adds the menu's words to the engine's list of modes, so
// that a bad mode= names what the menu shows beside what a link spells.
func withModeLabels(note string) string {
	rest, ok := strings.CutPrefix(note, "mode must be one of ")
	if !ok {
		return note
	}
	_, got, ok := strings.Cut(rest, ", got ")
	if !ok {
		return note
	}
	names := make([]string, len(sim.Modes))
	for i, m := range sim.Modes {
		names[i] = m
		if l, ok := ModeLabels[m]; ok {
			names[i] += " (" + l + ")"
		}
	}
	return "mode must be one of " + strings.Join(names, ", ") + ", got " + got
}
