//! Ordered parallel processing of a document stream with bounded memory.
//!
//! Three stages overlap: a reading thread cuts the stream into batches
//! (≤ `BATCH_BYTES` of input or `BATCH_DOCS` documents), the rayon pool runs
//! `work` on every document of a batch, and a consuming thread receives each
//! batch's results in input order. The reading side queues one batch; the
//! hand-over to the consumer is a rendezvous. So at most four batches of
//! input are alive at once (one read and waiting, one queued, one in the pool
//! or waiting for the consumer, one being consumed), and two batches of
//! results: memory depends on the batch size, never on the size of the dump,
//! even when the consumer stalls on a slow disk. Output order is input order
//! whatever the thread count.
//!
//! Both passes of a run use this: the cleaning pass, and (issue 3) the
//! corpus-wide first pass over the same `Inputs::docs` stream.

use crate::io::source::RawDoc;
use rayon::prelude::*;
use rayon::ThreadPool;
use std::sync::mpsc::sync_channel;

/// Input bytes per batch.
pub const BATCH_BYTES: u64 = 2 << 20;
/// Documents per batch.
pub const BATCH_DOCS: usize = 1024;

/// Run `work` on every document of `docs` in `pool`, and `consume` on each
/// (document, result) in input order. Stops at the first error of `consume`.
pub fn ordered<I, T, E, W, C>(docs: I, pool: &ThreadPool, work: W, mut consume: C) -> Result<(), E>
where
    I: Iterator<Item = RawDoc> + Send,
    T: Send,
    E: Send,
    W: Fn(&RawDoc) -> T + Sync,
    C: FnMut(RawDoc, T) -> Result<(), E> + Send,
{
    let (batch_tx, batch_rx) = sync_channel::<Vec<RawDoc>>(1);
    let (done_tx, done_rx) = sync_channel::<(Vec<RawDoc>, Vec<T>)>(0);
    std::thread::scope(|s| {
        s.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for doc in docs {
                bytes += doc.bytes;
                batch.push(doc);
                if bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
                    if batch_tx.send(std::mem::take(&mut batch)).is_err() {
                        return; // the consumer stopped
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = batch_tx.send(batch);
            }
        });
        let consumer = s.spawn(move || {
            for (batch, results) in done_rx {
                for (doc, r) in batch.into_iter().zip(results) {
                    consume(doc, r)?;
                }
            }
            Ok(())
        });
        for batch in batch_rx {
            let results: Vec<T> = pool.install(|| batch.par_iter().map(&work).collect());
            if done_tx.send((batch, results)).is_err() {
                break; // the consumer failed; its error is returned below
            }
        }
        drop(done_tx);
        consumer
            .join()
            .expect("the consuming thread does not panic")
    })
}
