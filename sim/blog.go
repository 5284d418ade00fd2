package sim

import "fmt"

// BlogStep is one request of the post's scenario and the answer it got.
type BlogStep struct {
	Request string // "GET /" or "GET /get_cache_info"
	Worker  int    // the worker that answered
	Answer  string // the JSON body, as the post shows it
}

// Blog replays the post: a Flask app whose `/` calls a zero-argument function
// under lru_cache(maxsize=2), served by 2 workers. The kernel gave the first
// two requests to one worker and the third to the other, so the two
// /get_cache_info answers disagree. In shared mode both workers read one
// cache of the same maxsize, and the answers agree; so do they in host mode,
// where the two workers are one host sharing its cache, of the same maxsize
// too: every cache_info answer shows the post's maxsize=2.
func Blog(mode string) ([]BlogStep, error) {
	if err := oneOf(mode, Modes); err != nil {
		return nil, fmt.Errorf("mode %w", err)
	}
	c := Default()
	c.Workers, c.Cache, c.Keys, c.Writes, c.Mode, c.SharedCache, c.HostCache = 2, 2, 1, 0, mode, 2, 2
	s, err := New(c)
	if err != nil {
		return nil, err
	}
	const fn = 0 // the cached function's one key: it takes no arguments
	if _, err := s.Do(0, fn, Read); err != nil {
		return nil, err
	}
	return []BlogStep{
		{"GET /", 0, `{"message": "Stored"}`},
		{"GET /get_cache_info", 0, s.Info(0).JSON()},
		{"GET /get_cache_info", 1, s.Info(1).JSON()},
	}, nil
}

// JSON formats the info as the post's app answered it: sorted keys, Python's separators.
func (ci CacheInfo) JSON() string {
	return fmt.Sprintf(`{"Currsize": %d, "Hits": %d, "Maxsize": %d, "Misses": %d}`, ci.Currsize, ci.Hits, ci.Maxsize, ci.Misses)
}
