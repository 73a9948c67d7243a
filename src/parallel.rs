//! A parallel map over a slice on scoped std threads, results in input order: the one piece of
//! concurrency `build` (extraction) and `store` (export) share. Work is handed out one item at a
//! time, so a slow item does not hold up a whole share. [`map`] returns every result at once;
//! [`map_in_order`] hands each to the calling thread as soon as it and those before it are done,
//! so consuming them (writing an export) overlaps the work and memory holds a window of them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// The number of worker threads to use: one per core.
#[must_use]
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `items.iter().map(f)` on up to `threads` threads; the results in the order of `items`.
///
/// # Panics
/// When `f` panics on some item (the panic is passed on).
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = threads.min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = Vec::new();
    slots.resize_with(items.len(), || None);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(done) => {
                    for (i, r) in done {
                        slots[i] = Some(r);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Which item a worker of [`map_in_order`] takes next, and how far the caller has consumed.
struct Gate {
    next: usize,
    consumed: usize,
    stop: bool,
}

/// Stops the workers when a worker or the consumer panics, so no thread waits for one that
/// never comes.
struct StopOnPanic<'a>(&'a Mutex<Gate>, &'a Condvar);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
            self.1.notify_all();
        }
    }
}

/// `items.iter().map(f)` on up to `threads` threads, each result passed to `sink` on the calling
/// thread in the order of `items`, while later items are still being worked on. Workers run at
/// most `window` items ahead of what `sink` has taken, which bounds the results held in memory.
/// The first error of `sink` stops the work (items not yet started are not started) and is
/// returned.
///
/// # Errors
/// The first error `sink` returns.
///
/// # Panics
/// When `f` panics on some item, or `sink` does (the panic is passed on, after the workers
/// stop).
pub fn map_in_order<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    window: usize,
    f: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let workers = threads.min(items.len());
    if workers <= 1 {
        return items.iter().try_for_each(|item| sink(f(item)));
    }
    let window = window.max(workers);
    let gate = Mutex::new(Gate { next: 0, consumed: 0, stop: false });
    let turn = Condvar::new();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (gate, turn, f) = (&gate, &turn, &f);
            s.spawn(move || {
                let _stop = StopOnPanic(gate, turn);
                loop {
                    let i = {
                        let mut g = gate.lock().unwrap_or_else(PoisonError::into_inner);
                        while !g.stop && g.next < items.len() && g.next >= g.consumed + window {
                            g = turn.wait(g).unwrap_or_else(PoisonError::into_inner);
                        }
                        if g.stop || g.next >= items.len() {
                            return;
                        }
                        g.next += 1;
                        g.next - 1
                    };
                    if tx.send((i, f(&items[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let _stop = StopOnPanic(&gate, &turn);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        let mut outcome = Ok(());
        // ends when every worker has returned (or panicked): each holds a sender
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&wanted) {
                wanted += 1;
                if outcome.is_ok() {
                    outcome = sink(r);
                }
                let mut g = gate.lock().unwrap_or_else(PoisonError::into_inner);
                g.consumed = wanted;
                g.stop |= outcome.is_err();
                turn.notify_all();
            }
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_within_the_window() {
        let items: Vec<usize> = (0..500).collect();
        let started = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r: Result<(), ()> = map_in_order(
            &items,
            3,
            8,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                // uneven work, so later items often finish first
                std::thread::sleep(std::time::Duration::from_micros(((i * 7919) % 13) as u64 * 20));
                i * 2
            },
            |r| {
                // never more than the window beyond what has been consumed
                assert!(started.load(Ordering::SeqCst) <= seen.len() + 8 + 1);
                seen.push(r);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_of_the_sink_stops_the_work() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let r = map_in_order(
            &items,
            2,
            4,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(r, Err(10));
        assert!(started.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn a_panic_in_the_sink_stops_the_workers_and_is_passed_on() {
        let items: Vec<usize> = (0..1_000).collect();
        let r = std::panic::catch_unwind(|| {
            map_in_order(
                &items,
                2,
                4,
                |&i| i,
                |i| {
                    assert!(i != 3, "item three");
                    Ok::<(), ()>(())
                },
            )
        });
        assert!(r.is_err());
    }

    #[test]
    fn a_panic_in_a_worker_is_passed_on() {
        let items: Vec<usize> = (0..1_000).collect();
        let r = std::panic::catch_unwind(|| {
            map_in_order(&items, 2, 4, |&i| assert!(i != 5, "item five"), |()| Ok::<(), ()>(()))
        });
        assert!(r.is_err());
    }
}
