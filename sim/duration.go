package sim

import (
	"fmt"
	"strconv"
	"strings"
)

// Durations in settings are written with a unit, as in gunicorn's and every
// cache's documentation: 500us (or 500µs), 20ms, 1.5s, 2m, 1h. The engine keeps
// them as whole microseconds.
var durationUnits = []struct {
	name string
	us   int64
}{{"us", 1}, {"µs", 1}, {"ms", 1e3}, {"s", 1e6}, {"m", 60e6}, {"h", 3600e6}}

// ParseDuration reads a duration with a unit into microseconds; "0" needs none.
func ParseDuration(s string) (int64, error) {
	if s == "0" {
		return 0, nil
	}
	for i := len(durationUnits) - 1; i >= 0; i-- {
		u := durationUnits[i]
		num, ok := strings.CutSuffix(s, u.name)
		if !ok || num == "" || strings.HasSuffix(num, "m") || strings.HasSuffix(num, "µ") || strings.HasSuffix(num, "u") {
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || v != v || v < 0 || v*float64(u.us) > 1<<62 {
			break
		}
		return int64(v*float64(u.us) + 0.5), nil
	}
	return 0, fmt.Errorf("must be a duration such as 500us, 20ms or 1.5s, got %q", s)
}

// FormatDuration writes us microseconds in the largest unit that keeps it whole.
func FormatDuration(us int64) string {
	switch {
	case us == 0:
		return "0"
	case us%3600e6 == 0:
		return strconv.FormatInt(us/3600e6, 10) + "h"
	case us%60e6 == 0:
		return strconv.FormatInt(us/60e6, 10) + "m"
	case us%1e6 == 0:
		return strconv.FormatInt(us/1e6, 10) + "s"
	case us%1e3 == 0:
		return strconv.FormatInt(us/1e3, 10) + "ms"
	}
	return strconv.FormatInt(us, 10) + "us"
}

func durationField(name, usage string, p func(*Config) *int64, lo, hi int64) Field {
	return Field{
		Name: name, Usage: fmt.Sprintf("%s, %s..%s", usage, FormatDuration(lo), FormatDuration(hi)),
		get: func(c Config) string { return FormatDuration(*p(&c)) },
		set: func(c *Config, s string) error {
			v, err := ParseDuration(s)
			if err != nil {
				return err
			}
			*p(c) = v
			return nil
		},
		check: func(c Config) error {
			if v := *p(&c); v < lo || v > hi {
				return fmt.Errorf("must be between %s and %s, got %s", FormatDuration(lo), FormatDuration(hi), FormatDuration(v))
			}
			return nil
		},
	}
}

// aliasField lets f accept older names for its values and store the new one.
func aliasField(f Field, aliases map[string]string) Field {
	set := f.set
	f.set = func(c *Config, s string) error {
		if to, ok := aliases[s]; ok {
			s = to
		}
		return set(c, s)
	}
	return f
}

// ttlField explains that a TTL is now a duration: older links gave it as a
// count of requests, which has no meaning once requests take time.
func ttlField(f Field) Field {
	set := f.set
	f.set = func(c *Config, s string) error {
		if _, err := strconv.Atoi(s); err == nil && s != "0" {
			return fmt.Errorf("is now a duration such as 30s or 500ms, not a count of requests, got %q", s)
		}
		return set(c, s)
	}
	return f
}
