//! Seconds spent per pipeline stage, summed over the chunks of a run. Extract,
//! translate and summarize run across a chunk's documents in parallel and count the
//! wall time of that section; render and write are timed per document and summed over
//! threads (a briefing file is streamed as it is rendered: producing its bytes counts
//! as render; creating, writing and renaming the file as write). `run` records them in
//! `index.json` and prints them with `--timings`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Ingest,
    Segment,
    Classify,
    Extract,
    Translate,
    Summarize,
    Render,
    Write,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Ingest,
        Stage::Segment,
        Stage::Classify,
        Stage::Extract,
        Stage::Translate,
        Stage::Summarize,
        Stage::Render,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Segment => "segment",
            Stage::Classify => "classify",
            Stage::Extract => "extract",
            Stage::Translate => "translate",
            Stage::Summarize => "summarize",
            Stage::Render => "render",
            Stage::Write => "write",
        }
    }
}

/// A clock per stage, shared by every thread of a run.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; 8],
}

impl Timings {
    /// Runs `f`, adding its duration to `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(stage, start.elapsed());
        out
    }

    pub fn add(&self, stage: Stage, d: std::time::Duration) {
        self.nanos[stage as usize].fetch_add(d.as_nanos().min(u64::MAX as u128) as u64, Ordering::Relaxed);
    }

    pub fn seconds(&self, stage: Stage) -> f64 {
        self.nanos[stage as usize].load(Ordering::Relaxed) as f64 / 1e9
    }

    /// The figures as written into `index.json` (milliseconds precision), with the
    /// run's wall clock.
    pub fn report(&self, wall: std::time::Duration) -> StageSeconds {
        let s = |stage| milliseconds(self.seconds(stage));
        StageSeconds {
            wall: milliseconds(wall.as_secs_f64()),
            ingest: s(Stage::Ingest),
            segment: s(Stage::Segment),
            classify: s(Stage::Classify),
            extract: s(Stage::Extract),
            translate: s(Stage::Translate),
            summarize: s(Stage::Summarize),
            render: s(Stage::Render),
            write: s(Stage::Write),
        }
    }

    /// A table for `--timings`: one line per stage, with its share of the total.
    pub fn render(&self, wall: f64) -> String {
        let total: f64 = Stage::ALL.iter().map(|&s| self.seconds(s)).sum();
        let mut out = String::from("stage       seconds   share\n");
        for stage in Stage::ALL {
            let secs = self.seconds(stage);
            let share = if total > 0.0 { 100.0 * secs / total } else { 0.0 };
            out.push_str(&format!("{:<10} {:>8.3}  {:>5.1}%\n", stage.name(), secs, share));
        }
        out.push_str(&format!("{:<10} {:>8.3}  (sum of the stages)\n", "total", total));
        out.push_str(&format!("{:<10} {:>8.3}  (wall clock, models loaded)\n", "wall", wall));
        out
    }
}

/// Seconds per stage, in pipeline order, and the wall clock of the whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StageSeconds {
    pub wall: f64,
    pub ingest: f64,
    pub segment: f64,
    pub classify: f64,
    pub extract: f64,
    pub translate: f64,
    pub summarize: f64,
    pub render: f64,
    pub write: f64,
}

/// Seconds rounded to the millisecond, as `index.json` records them.
fn milliseconds(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}

impl StageSeconds {
    /// Adds another run's (a shard's) seconds per stage; the wall clock is the longer.
    pub fn add(&mut self, other: &StageSeconds) {
        self.wall = self.wall.max(other.wall);
        for (mine, theirs) in [
            (&mut self.ingest, other.ingest),
            (&mut self.segment, other.segment),
            (&mut self.classify, other.classify),
            (&mut self.extract, other.extract),
            (&mut self.translate, other.translate),
            (&mut self.summarize, other.summarize),
            (&mut self.render, other.render),
            (&mut self.write, other.write),
        ] {
            *mine = milliseconds(*mine + theirs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_adds_up_per_stage() {
        let t = Timings::default();
        t.add(Stage::Extract, std::time::Duration::from_millis(1500));
        t.add(Stage::Extract, std::time::Duration::from_millis(250));
        let v = t.time(Stage::Write, || 7);
        assert_eq!(v, 7);
        let r = t.report(std::time::Duration::from_secs(3));
        assert_eq!(r.wall, 3.0);
        assert_eq!(r.extract, 1.75);
        assert_eq!(r.ingest, 0.0);
        assert!(t.render(2.0).contains("extract       1.750"));
    }
}
