// Package simflag registers the engine's settings (sim.Fields) as command-line
// flags, so that real commands take the same names, ranges and messages as
// the simulation.
package simflag

import (
	"flag"
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// value is one sim.Field bound to a Config.
type value struct {
	f sim.Field
	c *sim.Config
}

func (v value) String() string {
	if v.c == nil {
		return ""
	}
	return v.f.Get(*v.c)
}
func (v value) Set(s string) error { return v.f.Set(v.c, s) }
func (v value) IsBoolFlag() bool   { return v.f.Bool }

// Register adds a flag to fs for each named field of c; its default is the
// field's value in c now. It panics on a name that is not a field.
func Register(fs *flag.FlagSet, c *sim.Config, names ...string) {
	for _, n := range names {
		f, ok := sim.FieldByName(n)
		if !ok {
			panic(fmt.Sprintf("simflag: no setting %q", n))
		}
		fs.Var(value{f, c}, n, f.Usage)
	}
}
