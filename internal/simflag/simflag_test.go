package simflag

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/cachepit/cachepit/sim"
)

func TestRegister(t *testing.T) {
	tests := []struct {
		args    []string
		want    func(sim.Config) bool
		wantErr string // substring of the error, "" for none
	}{
		{[]string{"--workers", "3", "--dist", "uniform"}, func(c sim.Config) bool { return c.Workers == 3 && c.Dist == "uniform" }, ""},
		{[]string{"--workers=0"}, nil, "workers must be between 1 and 256, got 0"},
		{[]string{"--dist", "pareto"}, nil, "dist must be one of uniform, zipf, hotset, scan"},
		{[]string{"--writes", "x"}, nil, `must be a number in [0, 1], got "x"`},
	}
	for _, tt := range tests {
		c := sim.Default()
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		Register(fs, &c, "workers", "dist", "writes")
		err := fs.Parse(tt.args)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%v: got error %v; want none", tt.args, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%v: got error %v; want one containing %q", tt.args, err, tt.wantErr)
		case tt.want != nil && !tt.want(c):
			t.Errorf("%v: got %+v", tt.args, c)
		}
	}
}

func TestDefaultShown(t *testing.T) {
	c := sim.Default()
	c.Cache = 2
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, &c, "cache")
	if got := fs.Lookup("cache").DefValue; got != "2" {
		t.Errorf("default of --cache: got %q; want %q", got, "2")
	}
}
