package sim

// This file is a placeholder while the engine is written; every function
// here is replaced by its real implementation.

// Sim is one simulated deployment. It is not safe for concurrent use.
type Sim struct{ cfg Config }

// Entry is one cached key as the UI draws it.
type Entry struct {
	Key     int
	Version uint32 // the version the cache holds
	Stale   bool   // older than the origin's version
	Filled  int64  // request sequence number when it was stored
}

// Point is one window of the bounded time series.
type Point struct {
	Seq         int64   // last request of the window
	Reads       int64   // reads in the window
	Hits        int64   // reads answered by a cache
	OriginReads int64   // origin fetches in the window
	Stale       int64   // stale reads in the window
	Entries     int     // entries held at the window's end
	Duplicates  int     // duplicate entries at the window's end
	P50         int     // latency percentiles in the window, µs
	P95         int     //
	P99         int     //
	HitRatio    float64 // Hits / Reads
}

func New(c Config) (*Sim, error)               { panic("unimplemented") }
func (s *Sim) Config() Config                  { return s.cfg }
func (s *Sim) Step() Event                     { panic("unimplemented") }
func (s *Sim) Run(n int)                       { panic("unimplemented") }
func (s *Sim) Do(worker, key int, op Op) Event { panic("unimplemented") }
func (s *Sim) Restart(worker int) error        { panic("unimplemented") }
func (s *Sim) Stats() Stats                    { panic("unimplemented") }
func (s *Sim) Series() []Point                 { panic("unimplemented") }
func (s *Sim) LocalKeys(worker int) []Entry    { panic("unimplemented") }
func (s *Sim) SharedKeys() []Entry             { panic("unimplemented") }
func (s *Sim) Info(worker int) CacheInfo       { panic("unimplemented") }
func Che(c Config, size int) float64           { panic("unimplemented") }
func NewWorkload(c Config) (*Workload, error)  { panic("unimplemented") }
func (w *Workload) Next() (key int, op Op)     { panic("unimplemented") }
func Blog(mode string) ([]BlogStep, error)     { panic("unimplemented") }
func (ci CacheInfo) JSON() string              { panic("unimplemented") }

type Workload struct{}

// BlogStep is one request of the post's scenario and the answer it got.
type BlogStep struct {
	Request string // "GET /" or "GET /get_cache_info"
	Worker  int    // the worker that answered
	Answer  string // the JSON body, formatted as Flask's jsonify did in the post
}
