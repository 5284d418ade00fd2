//go:build !wasm

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cachepit/cachepit/internal/progress"
	"github.com/cachepit/cachepit/internal/simflag"
	"github.com/cachepit/cachepit/report"
	"github.com/cachepit/cachepit/run"
	"github.com/cachepit/cachepit/sim"
	"github.com/cachepit/cachepit/stack"
)

func init() {
	register("sim", "run the simulation headless and print cache_info per worker", runSim)
}

func runSim(args []string, stdout, stderr io.Writer) int {
	c := sim.Default()
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	names := make([]string, len(sim.Fields))
	for i, f := range sim.Fields {
		names[i] = f.Name
	}
	simflag.Register(fs, &c, names...)
	asJSON := fs.Bool("json", false, "print the results as JSON")
	trace := fs.String("trace", "", "write one CSV row per request to this file")
	compare := fs.Bool("compare", false, "run local and shared on the identical request stream, side by side")
	scenario := fs.String("scenario", "", "replay a scenario instead: blog (the post's three requests)")
	stackName := fs.String("code", "", "print what to write in your own stack for these settings: "+strings.Join(stack.Stacks(), ", "))
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	switch {
	case *stackName != "":
		return simCode(c, *stackName, stdout, stderr)
	case *scenario != "" && *scenario != "blog":
		fmt.Fprintf(stderr, "cachepit sim: invalid value %q for flag -scenario: the only scenario is blog\n", *scenario)
		return 2
	case *scenario == "blog":
		return simBlog(c.Mode, *asJSON, stdout, stderr)
	case *compare:
		return simCompare(c, *asJSON, stdout, stderr)
	}
	s, err := sim.New(c)
	if err != nil {
		fmt.Fprintf(stderr, "cachepit sim: %v\n", err)
		return 2
	}
	if err := runTraced(s, *trace, newBar(stderr, *asJSON, c.Warmup+c.Requests)); err != nil {
		fmt.Fprintf(stderr, "cachepit sim: %v\n", err)
		return 1
	}
	r := report.New(c, s.Stats())
	if *asJSON {
		return writeJSON(stdout, stderr, r)
	}
	report.WriteTable(stdout, r)
	return 0
}

// runTraced runs the warmup and the counted requests, writing each request
// to a CSV trace when path is not empty.
func runTraced(s *sim.Sim, path string, bar *progress.Bar) error {
	c := s.Config()
	n := c.Warmup + c.Requests
	defer bar.Done()
	if path == "" {
		runChunked(s, n, bar, 0)
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	t := report.NewTrace(f)
	for i := range n {
		t.Add(s.Step())
		if i%chunk == 0 {
			bar.Set(i)
		}
	}
	if err := t.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// simCompare runs per-worker caches and their partner, a shared cache, on
// the identical requests through the run driver the pages use.
func simCompare(c sim.Config, asJSON bool, stdout, stderr io.Writer) int {
	c.Mode = "local"
	r, err := run.New(run.Plan{Config: c, Compare: true})
	if err != nil {
		fmt.Fprintf(stderr, "cachepit sim: %v\n", err)
		return 2
	}
	total := c.Warmup + c.Requests
	bar := newBar(stderr, asJSON, total)
	for done := 0; done < total; {
		k := min(chunk, total-done)
		if err := r.Advance(int64(k)); err != nil {
			fmt.Fprintf(stderr, "cachepit sim: %v\n", err)
			return 1
		}
		done += k
		bar.Set(done)
	}
	runs := make([]report.Run, 2)
	for i, s := range r.Sims() {
		runs[i] = report.New(s.Config(), s.Stats())
	}
	bar.Done()
	if asJSON {
		return writeJSON(stdout, stderr, map[string]report.Run{"local": runs[0], "shared": runs[1]})
	}
	report.WriteCompare(stdout, runs[0], runs[1])
	return 0
}

func simBlog(mode string, asJSON bool, stdout, stderr io.Writer) int {
	steps, err := sim.Blog(mode)
	if err != nil {
		fmt.Fprintf(stderr, "cachepit sim: %v\n", err)
		return 2
	}
	if asJSON {
		type step struct {
			Request string          `json:"request"`
			Worker  int             `json:"worker"`
			Answer  json.RawMessage `json:"answer"`
		}
		out := make([]step, len(steps))
		for i, s := range steps {
			out[i] = step{s.Request, s.Worker, json.RawMessage(s.Answer)}
		}
		return writeJSON(stdout, stderr, out)
	}
	fmt.Fprintf(stdout, "# the post's app: lru_cache(maxsize=2), 2 workers, mode %s\n", mode)
	for _, s := range steps {
		fmt.Fprintf(stdout, "$ curl http://127.0.0.1:8000%s    # answered by worker %d\n%s\n", s.Request[len("GET "):], s.Worker, s.Answer)
	}
	return 0
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "cachepit: %v\n", err)
		return 1
	}
	return 0
}

// chunk requests run between two looks at the progress bar, which reads
// the clock: a few microseconds every few milliseconds.
const chunk = 1 << 16

// runChunked runs n requests, telling bar how many are done after the first before.
func runChunked(s *sim.Sim, n int, bar *progress.Bar, before int) {
	for done := 0; done < n; {
		k := min(chunk, n-done)
		s.Run(k)
		done += k
		bar.Set(before + done)
	}
}

// newBar shows progress on stderr when it is a terminal, and never with --json.
func newBar(stderr io.Writer, asJSON bool, total int) *progress.Bar {
	if asJSON {
		return nil
	}
	return progress.New(stderr, "requests", total)
}
