package sim

// Op is what a request does to its key.
type Op uint8

const (
	Read  Op = iota // GET: read through the caches
	Write           // PUT: change the value at the origin
	Info            // GET /get_cache_info: answer cache_info(), touching no cache and no origin
)

func (o Op) String() string {
	switch o {
	case Write:
		return "write"
	case Info:
		return "info"
	}
	return "read"
}

// Tier is where a read was answered from.
type Tier uint8

const (
	Local  Tier = iota // the worker's own cache
	Shared             // the shared cache (in host modes, the host's)
	Origin             // the origin database
)

func (t Tier) String() string {
	switch t {
	case Local:
		return "local"
	case Shared:
		return "shared"
	}
	return "origin"
}

// Event is what one request did. Writes report From == Origin.
type Event struct {
	Seq       int64 // 1-based request number, warmup included
	Worker    int   // the worker that served it, numbered across hosts
	Host      int   `json:",omitempty"` // the host that served it
	Key       int   // the key requested
	Op        Op    // read or write
	From      Tier  // where a read was answered from
	Hit       bool  // answered by a cache (local or shared), not the origin
	Stale     bool  // answered with an older version than the origin holds
	Expired   bool  // a local entry was found but its TTL had run out
	Evicted   int   // key evicted from a cache to make room, or -1
	Recycled  bool  // the worker reached max-requests after this request and was replaced
	Killed    bool  // its worker was killed (timeout) while serving it: answered with an error
	Coalesced bool  // it missed, then waited for another request's fetch of the key instead of fetching
	Latency   int   // response time in µs: from arrival to answer, waiting included
	Wait      int   // µs it waited on a socket before a thread took it
	Version   uint32
	// CacheError: the shared cache was out, so the read went to the origin
	CacheError bool `json:",omitempty"`
}
