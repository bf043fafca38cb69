//! Frontdesk's benchmark harness: a load generator that speaks the real protocol, the
//! baselines it is compared with (a WebSocket echo/broadcast server, raw batched inserts),
//! and the measurements of the chat box's weight and page-load cost. The binaries print
//! figures; nothing here is a test that asserts timings.

pub mod baseline;
pub mod client;
pub mod load;
pub mod proc;
pub mod report;
pub mod stats;
pub mod weight;

/// Raises the open-file limit as far as the system allows: tens of thousands of sockets need
/// that many descriptors on both sides, and spawned servers inherit the limit.
pub fn raise_fd_limit(wanted: u64) -> u64 {
    use rlimit::Resource;
    // As root the hard limit itself can be raised; otherwise settle for the hard limit.
    if Resource::NOFILE.set(wanted, wanted).is_err() {
        let _ = rlimit::increase_nofile_limit(wanted);
    }
    Resource::NOFILE.get().map(|(soft, _)| soft).unwrap_or(0)
}
