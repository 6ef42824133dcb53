//! Work longer than a frame (opening a file, a big layout, an export, a file dialog, a reload) on
//! a thread of its own, named so it shows in a debugger or a crash report, with its answer sent
//! back for the window to poll once a frame. The thread wakes the window when it is done.

use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Work running on a named thread, and the way to its answer.
#[derive(Debug)]
pub struct Task<T> {
    answer: Receiver<T>,
}

/// Where a task stands.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still running.
    Running,
    /// Done, with its answer.
    Done(T),
    /// Ended without an answer: its thread could not start, or stopped with a panic.
    Lost,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a thread called `name`; `wake` runs on that thread once the answer has
    /// been sent (the window asks for a repaint there).
    pub fn spawn(
        name: &str,
        wake: impl FnOnce() + Send + 'static,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        let (tx, answer) = mpsc::channel();
        let started = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                if tx.send(work()).is_ok() {
                    wake();
                }
            });
        if let Err(e) = started {
            // The sender went with the closure, so polling says the task is lost.
            eprintln!("warning: cannot start the {name} thread: {e}");
        }
        Self { answer }
    }

    /// A task that is already done, for an answer known at once.
    #[must_use]
    pub fn done(value: T) -> Self {
        let (tx, answer) = mpsc::channel();
        let _ = tx.send(value);
        Self { answer }
    }

    /// Takes the answer if it has come; never blocks.
    #[must_use]
    pub fn poll(&self) -> Poll<T> {
        match self.answer.try_recv() {
            Ok(value) => Poll::Done(value),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

/// Runs `work` on a thread called `name` and forgets it (showing a file in the file manager).
pub fn detach(name: &str, work: impl FnOnce() + Send + 'static) {
    if let Err(e) = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
    {
        eprintln!("warning: cannot start the {name} thread: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_comes_back_from_a_named_thread_and_wakes_the_poller() {
        let (woken_tx, woken) = mpsc::channel();
        let task = Task::spawn(
            "test-task",
            move || woken_tx.send(()).unwrap_or(()),
            || std::thread::current().name().map(str::to_owned),
        );
        woken
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("woken");
        assert_eq!(task.poll(), Poll::Done(Some("test-task".to_owned())));
        // The answer is taken once (the thread may still be ending: running, then lost).
        assert!(!matches!(task.poll(), Poll::Done(_)));
        assert_eq!(Task::done(3).poll(), Poll::Done(3));
    }

    #[test]
    fn a_task_that_panics_is_lost_not_waited_for_forever() {
        let task: Task<()> = Task::spawn("test-panic", || {}, || panic!("on purpose"));
        let start = std::time::Instant::now();
        loop {
            match task.poll() {
                Poll::Lost => break,
                Poll::Running if start.elapsed().as_secs() < 10 => std::thread::yield_now(),
                other => panic!("{other:?}"),
            }
        }
    }
}
