package view

import (
	"fmt"

	"github.com/cachepit/cachepit/sim"
)

// MaxCards is how many worker cards the system view draws; more workers are
// simulated but summarised in one line.
const MaxCards = 64

// System is a value snapshot of one simulated system: everything the system
// view draws. Building it reads the caches without touching recency.
type System struct {
	Title   string
	Config  sim.Config
	Stats   sim.Stats
	Workers []Worker
	Hosts   []Host // the host groups, when Grouped(Config)
	Ring    Ring   // where the host balancer sends the keys, with several hosts
	Shared  Cache
	Last    []sim.Event // recent requests, oldest first
	Labels  []string    // per Last event: the scripted request as typed ("GET /"), or ""
	Client  string      // what the clients send
	Series  []sim.Point
	Faults  bool     // the page offers buttons that take caches and hosts down
	Live    sim.Live // what the origin is doing now
}

// Worker is what one worker card draws.
type Worker struct {
	System    int // which system of the page (0, or 1 on the compare side)
	Stats     sim.WorkerStats
	Info      sim.CacheInfo
	Cache     Cache
	HasLocal  bool
	HostL2    bool // the cache behind its own is its host's, not a shared one
	Last      Mark // how its latest request went
	LastKey   int
	Active    bool  // it served the page's latest request
	Pulse     int   // parity of the latest request: alternating restarts its flash
	Threads   int   // threads of the worker; Stats.BusyThreads of them serve now
	BootLeft  int64 // µs until its new process accepts; 0 when it is up
	SharedOut bool  // without a cache of its own, it reads a shared cache that is out now
}

// Cache is the newest part of one cache's LRU list.
type Cache struct {
	Entries []sim.Entry // the newest entries, oldest first
	Dups    []bool      // per entry: another worker's cache holds the key too
	Hidden  int         // older entries not drawn
	Size    int         // entries held
	Max     int         // capacity
}

// Mark classifies a request for drawing: each has its own symbol and colour.
type Mark uint8

const (
	None      Mark = iota
	LocalHit       // answered by the worker's own cache
	SharedHit      // answered by the shared cache
	Miss           // fetched from the origin
	StaleRead      // answered with an old version
	WriteOp        // wrote the origin
	InfoOp         // asked for cache_info(): no cache lookup
	HostHit        // answered by the worker's host cache (modes host and tiered-host)
)

// RequestText names the request of e: its label when it was scripted
// ("GET /get_cache_info"), else its method and key ("GET k12").
func RequestText(e sim.Event, label string) string {
	if label != "" {
		return label
	}
	return fmt.Sprintf("%s k%d", OpWord(e), e.Key)
}

// LabelAt is labels[i], or "" past its end.
func LabelAt(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return ""
}

// MarkOf says how an event should be drawn.
func MarkOf(e sim.Event) Mark {
	switch {
	case e.Op == sim.Write:
		return WriteOp
	case e.Op == sim.Info:
		return InfoOp
	case e.Stale:
		return StaleRead
	case !e.Hit:
		return Miss
	case e.From == sim.Shared:
		return SharedHit
	}
	return LocalHit
}

// MarkIn is MarkOf(e) in a system of c: a hit behind the worker's own
// cache is a host-cache hit in the host modes, which have no shared cache.
func MarkIn(c sim.Config, e sim.Event) Mark {
	m := MarkOf(e)
	if m == SharedHit && c.HasHost() {
		return HostHit
	}
	return m
}

// Symbol is the mark's glyph, so that no information is carried by colour alone.
func (m Mark) Symbol() string {
	return [...]string{"", "✓", "◆", "✗", "⚠", "✎", "ℹ", "◆"}[m]
}

// Word names the mark for labels and screen readers.
func (m Mark) Word() string {
	return [...]string{"", "local hit", "shared hit", "miss", "stale read", "write", "cache_info()", "host-cache hit"}[m]
}

// Class is the CSS class that colours the mark.
func (m Mark) Class() string {
	return [...]string{"m-none", "m-hit", "m-shared", "m-miss", "m-stale", "m-write", "m-info", "m-shared"}[m]
}

// ChipBudget is how many cache entries each card draws: the page stays
// readable and fast with many workers, and a card's key list stays about
// five rows long (older entries collapse to a count; issue 11, 13).
func ChipBudget(workers int) int {
	n := 128 / max(workers, 1)
	return min(max(n, 8), 24)
}

func newestOf(all []sim.Entry, n, maxsize int, copies map[int]int) Cache {
	cv := Cache{Size: len(all), Max: maxsize}
	if len(all) > n {
		cv.Hidden = len(all) - n
		all = all[len(all)-n:]
	}
	cv.Entries = append([]sim.Entry(nil), all...)
	cv.Dups = make([]bool, len(all))
	for i, e := range all {
		cv.Dups[i] = copies[e.Key] > 1
	}
	return cv
}

// Snapshot builds the View of s, every part of it. last holds the recent
// events to draw.
func Snapshot(title string, system int, s *sim.Sim, last []sim.Event) System {
	cfg := s.Config()
	v := System{Title: title, Config: cfg, Series: s.Series(), Client: "GET /item/<key>"}
	shown := Cards(cfg)
	v.Workers = make([]Worker, shown)
	if cfg.HasLocal() {
		budget := ChipBudget(shown)
		local := make([][]sim.Entry, shown)
		copies := map[int]int{}
		for i := range local {
			local[i] = s.LocalKeys(i)
			for _, e := range local[i] {
				copies[e.Key]++
			}
		}
		for i := range local {
			v.Workers[i].Cache = newestOf(local[i], budget, 0, copies)
		}
	}
	if cfg.HasShared() {
		v.Shared = newestOf(s.SharedKeys(), 48, 0, nil)
	}
	v.Hosts = hostsOf(cfg, s.Stats(), shown)
	hostCaches(v.Hosts, s)
	return Refresh(v, system, s, last)
}

// Refresh brings every number of v up to date with s (stats, each worker's
// counters and cache_info(), cache sizes, the latest requests) and keeps
// its cache contents and series: cheap enough for every frame, so that all
// the figures on screen come from one moment of the run.
func Refresh(v System, system int, s *sim.Sim, last []sim.Event) System {
	cfg := v.Config
	st := s.Stats()
	v.Stats = st
	v.Live = s.Live()
	v.Last = append([]sim.Event(nil), last...)
	var latest sim.Event
	hasLatest := len(last) > 0
	if hasLatest {
		latest = last[len(last)-1]
	}
	workers := make([]Worker, len(v.Workers))
	for i, ws := range st.Workers[:len(workers)] {
		wv := Worker{System: system, Stats: ws, Info: s.Info(i), HasLocal: cfg.HasLocal(), HostL2: cfg.HasHost(), LastKey: -1, Threads: cfg.Threads}
		if !ws.Up && ws.ReadyAt > st.Now {
			wv.BootLeft = ws.ReadyAt - st.Now
		}
		wv.SharedOut = !cfg.HasLocal() && !cfg.HasHost() && st.Shared.Down
		if cfg.HasLocal() {
			wv.Cache = sized(v.Workers[i].Cache, ws.Currsize, ws.Maxsize)
		}
		for j := len(last) - 1; j >= 0; j-- {
			if last[j].Worker == i {
				wv.Last, wv.LastKey = MarkIn(cfg, last[j]), last[j].Key
				break
			}
		}
		wv.Active = hasLatest && latest.Worker == i
		if wv.Active {
			wv.Pulse = int(latest.Seq % 2)
		}
		workers[i] = wv
	}
	v.Workers = workers
	v.Hosts = refreshHosts(v.Hosts, cfg, st, len(workers))
	v.Ring = refreshRing(v.Ring, cfg, st)
	if cfg.HasShared() {
		v.Shared = sized(v.Shared, st.Shared.Currsize, st.Shared.Maxsize)
	}
	return v
}

// sized gives cv the cache's current size and capacity; entries listed
// earlier stay, and those not listed count as hidden.
func sized(cv Cache, size, maxsize int) Cache {
	cv.Size, cv.Max = size, maxsize
	cv.Hidden = max(size-len(cv.Entries), 0)
	return cv
}

func OpWord(e sim.Event) string {
	if e.Op == sim.Write {
		return "PUT"
	}
	return "GET"
}
