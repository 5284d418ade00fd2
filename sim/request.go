package sim

// request is one request in flight, from its arrival to its answer. Requests
// live in a pool and are reused, so a run allocates none in steady state.
type request struct {
	ev      Event // what the request did, filled in as it goes
	client  int32 // the closed client that sent it, or -1
	arrived int64 // µs
	started int64 // µs, when a thread took it
	fetched int64 // µs, when it got an origin connection
	path    uint8 // pathLocal, pathShared, pathOrigin or pathWrite
	stage   uint8 // where it is: stageFree ... stageKilled
	tag     uint32

	// coalescing: fetches of one key in flight, and who waits for whom
	nextFlight   int32 // the next request fetching the same key
	followers    int32 // first request waiting for this one's fetch, or -1
	nextFollower int32 // the next request waiting for the same fetch
	leader       int32 // the fetch this request waits for, or -1
}

// Stages of a request.
const (
	stageFree      = iota // in the pool
	stageQueued           // waiting on a listen socket
	stageServing          // on a thread, before the origin or without it
	stageWaitConn         // on a thread, waiting for an origin connection
	stageAtOrigin         // on a thread, holding an origin connection
	stageFollowing        // on a thread, waiting for another request's fetch
	stageKilled           // its worker was killed; answered with an error now
)

type pool struct {
	reqs []request
	free []int32
}

func (p *pool) get() int32 {
	if n := len(p.free); n > 0 {
		i := p.free[n-1]
		p.free = p.free[:n-1]
		return i
	}
	// a new request keeps tag 0
	p.reqs = append(p.reqs, request{})
	return int32(len(p.reqs) - 1)
}

// put returns request i to the pool; its tag moves on, so events still
// scheduled for it are recognised as stale.
func (p *pool) put(i int32) {
	p.reqs[i].stage = stageFree
	p.reqs[i].tag++
	p.free = append(p.free, i)
}
