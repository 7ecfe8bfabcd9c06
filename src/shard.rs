//! Splitting one input over N independent workers (a Kubernetes Indexed Job, a Slurm
//! job array, a shell loop) and putting their results back together.
//!
//! A document belongs to shard `sha256(path relative to the input) mod N`: every worker
//! decides alone and the same way, and adding a file moves only that file. Each shard
//! writes its documents into the shared output folder and its part of the index to
//! `shards/K-of-N.json`; `vnbrief merge` turns the N parts into the `index.json` and
//! digests a single run would have written.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::brief::DigestEntry;
use crate::error::{Error, Result};
use crate::pipeline::{Formats, IndexEntry, Summary};
use crate::timings::StageSeconds;

/// Shard `index` of `count`, counted from 0 (as Kubernetes' `JOB_COMPLETION_INDEX` is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// "K/N", K from 0 to N-1.
    pub fn parse(s: &str) -> std::result::Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("{s:?}: expected K/N, e.g. 0/4"))?;
        let index: u32 = k.trim().parse().map_err(|_| format!("{s:?}: K is not a number"))?;
        let count: u32 = n.trim().parse().map_err(|_| format!("{s:?}: N is not a number"))?;
        Shard::new(index, count)
    }

    pub fn new(index: u32, count: u32) -> std::result::Result<Shard, String> {
        if count == 0 {
            return Err("the number of shards must be at least 1".into());
        }
        if index >= count {
            return Err(format!(
                "shard {index} of {count} does not exist: shards count from 0 to {}",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }

    /// The shard a scheduler gave this process, when no `--shard` was given: Kubernetes'
    /// `JOB_COMPLETION_INDEX` with `shards` (`--shards N`; the job's completion count is
    /// not in the pod's environment), or Slurm's `SLURM_ARRAY_TASK_ID` counted from
    /// `SLURM_ARRAY_TASK_MIN` out of `SLURM_ARRAY_TASK_COUNT`. Also says where it came from.
    pub fn from_env(shards: Option<u32>, var: impl Fn(&str) -> Option<String>) -> Result<Option<(Shard, String)>> {
        let number = |name: &str| -> Result<Option<u32>> {
            var(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| v.trim().parse::<u32>().map_err(|_| Error::Usage(format!("{name}={v:?} is not a number"))))
                .transpose()
        };
        if let Some(k) = number("JOB_COMPLETION_INDEX")? {
            return match shards {
                Some(n) => Shard::new(k, n)
                    .map(|s| Some((s, format!("JOB_COMPLETION_INDEX={k} and --shards {n}"))))
                    .map_err(Error::Usage),
                None => {
                    tracing::warn!("JOB_COMPLETION_INDEX is set but --shards is not: this worker takes every document");
                    Ok(None)
                }
            };
        }
        if let (Some(id), Some(n)) = (number("SLURM_ARRAY_TASK_ID")?, number("SLURM_ARRAY_TASK_COUNT")?) {
            let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let k = id.checked_sub(min).ok_or_else(|| Error::Usage(format!("SLURM_ARRAY_TASK_ID {id} is below SLURM_ARRAY_TASK_MIN {min}")))?;
            let shard = Shard::new(k, n).map_err(|e| {
                Error::Usage(format!("SLURM_ARRAY_TASK_ID {id} (from {min}) of {n} tasks: {e}; use a dense array such as --array=0-{}", n.saturating_sub(1)))
            })?;
            return Ok(Some((shard, format!("SLURM_ARRAY_TASK_ID={id} of SLURM_ARRAY_TASK_COUNT={n}"))));
        }
        if let Some(n) = shards {
            return Err(Error::Usage(format!(
                "--shards {n} needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); elsewhere give --shard K/{n}"
            )));
        }
        Ok(None)
    }

    /// Does this shard take the document at `rel` (relative to the input, `/`-separated)?
    pub fn takes(&self, rel: &str) -> bool {
        bucket(rel, self.count) == self.index
    }

    /// "shard-2-of-7": its lock's name and temp-file tag.
    pub fn name(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }

    /// Where this shard's part of the index goes.
    pub fn index_path(&self, out: &Path) -> PathBuf {
        shard_index_path(out, self.index, self.count)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The shard of `rel` among `count`: the first 8 bytes of its SHA-256, mod `count`.
fn bucket(rel: &str, count: u32) -> u32 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(rel.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % u64::from(count)) as u32
}

pub const SHARDS_DIR: &str = "shards";

fn shard_index_path(out: &Path, index: u32, count: u32) -> PathBuf {
    out.join(SHARDS_DIR).join(format!("{index}-of-{count}.json"))
}

/// What one shard leaves for `merge`: its entries of the index and of the digest, and
/// what the index says of the run as a whole.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardIndex {
    pub shard: u32,
    pub shards: u32,
    /// What the index says of the run as a whole (pipeline, input, notes, models).
    #[serde(flatten)]
    pub run: Summary,
    /// This shard's documents (and unreadable paths).
    pub entries: Vec<IndexEntry>,
    /// The digest entries of this shard's documents.
    pub digest: Vec<DigestEntry>,
    pub markdown: bool,
    pub html: bool,
    pub timings: StageSeconds,
}

impl ShardIndex {
    pub fn formats(&self) -> Formats {
        Formats { markdown: self.markdown, html: self.html }
    }
}

/// Reads the N shard indexes under `out` (N from `shards`, else the one count found),
/// checking that all are there, finished, and from one pipeline over one input.
pub fn read_all(out: &Path, shards: Option<u32>) -> Result<Vec<ShardIndex>> {
    let dir = out.join(SHARDS_DIR);
    let counts = found_counts(&dir)?;
    let count = match (shards, counts.as_slice()) {
        (Some(n), _) => n,
        (None, [n]) => *n,
        (None, []) => {
            return Err(Error::Usage(format!(
                "{}: no shard indexes (shards/K-of-N.json): run `vnbrief run IN --out {} --shard K/N` for each K first",
                out.display(),
                out.display()
            )))
        }
        (None, many) => {
            let list: Vec<String> = many.iter().map(u32::to_string).collect();
            return Err(Error::Usage(format!(
                "{}: shard indexes for {} shard counts are here ({}): pass --shards N",
                dir.display(),
                many.len(),
                list.join(", ")
            )));
        }
    };
    let shard0 = Shard::new(0, count).map_err(Error::Usage)?;
    let mut parts = Vec::with_capacity(count as usize);
    for k in 0..count {
        let shard = Shard { index: k, ..shard0 };
        if let Some(holder) = crate::lock::OutputLock::holder(out, &shard.name()) {
            return Err(Error::Runtime(format!("shard {shard} is still running ({holder}): merge when every shard has finished")));
        }
        let path = shard.index_path(out);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Runtime(format!(
                    "{}: missing: shard {shard} has not finished; run it (--shard {shard}) and merge again",
                    path.display()
                )))
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        let part: ShardIndex = serde_json::from_slice(&bytes).map_err(|source| Error::Json { path: path.clone(), source })?;
        if (part.shard, part.shards) != (k, count) {
            return Err(Error::Runtime(format!("{}: holds shard {}/{}, not {shard}", path.display(), part.shard, part.shards)));
        }
        if let Some(first) = parts.first() {
            let first: &ShardIndex = first;
            let differs = |what: &str, a: &str, b: &str| {
                Error::Runtime(format!(
                    "{}: shard {shard} ran {what} {b:?} but shard 0/{count} ran {a:?}: run every shard the same way",
                    path.display()
                ))
            };
            if part.run.pipeline_version != first.run.pipeline_version {
                return Err(differs("pipeline", &first.run.pipeline_version, &part.run.pipeline_version));
            }
            if part.run.input != first.run.input {
                return Err(differs("over input", &first.run.input, &part.run.input));
            }
        }
        parts.push(part);
    }
    Ok(parts)
}

/// The shard counts of the `K-of-N.json` files in `dir`, ascending.
fn found_counts(dir: &Path) -> Result<Vec<u32>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut counts: Vec<u32> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (_k, n) = name.strip_suffix(".json")?.split_once("-of-")?;
            n.parse().ok()
        })
        .collect();
    counts.sort_unstable();
    counts.dedup();
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_count_from_zero() {
        assert_eq!(Shard::parse("2/7"), Ok(Shard { index: 2, count: 7 }));
        assert!(Shard::parse("7/7").unwrap_err().contains("from 0 to 6"));
        assert!(Shard::parse("0/0").is_err());
        assert!(Shard::parse("1").is_err());
        assert!(Shard::parse("a/3").is_err());
    }

    #[test]
    fn every_path_has_exactly_one_shard_and_adding_one_moves_nothing_else() {
        let paths: Vec<String> = (0..500).map(|i| format!("tinh-{i}/bao-cao-{i}.txt")).collect();
        for n in [1, 3, 7] {
            let shards: Vec<Shard> = (0..n).map(|k| Shard::new(k, n).unwrap()).collect();
            let mut sizes = vec![0; n as usize];
            for p in &paths {
                let owners: Vec<&Shard> = shards.iter().filter(|s| s.takes(p)).collect();
                assert_eq!(owners.len(), 1, "{p} in {n} shards");
                sizes[owners[0].index as usize] += 1;
            }
            // Roughly even: no shard under half its share.
            assert!(sizes.iter().all(|&s| s * 2 * n as usize >= paths.len()), "{sizes:?}");
        }
        // Stable across processes and machines: a fixed value.
        assert_eq!(bucket("a.txt", 1000), bucket("a.txt", 1000));
        assert!(Shard::new(0, 1).unwrap().takes("anything"));
    }

    #[test]
    fn the_scheduler_environment_gives_the_shard() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let k8s = Shard::from_env(Some(4), env(&[("JOB_COMPLETION_INDEX", "3")])).unwrap().unwrap();
        assert_eq!(k8s.0, Shard { index: 3, count: 4 });
        assert!(Shard::from_env(Some(3), env(&[("JOB_COMPLETION_INDEX", "3")])).is_err());
        assert_eq!(Shard::from_env(None, env(&[("JOB_COMPLETION_INDEX", "3")])).unwrap(), None);
        let slurm = Shard::from_env(
            None,
            env(&[("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_COUNT", "5"), ("SLURM_ARRAY_TASK_MIN", "1")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(slurm.0, Shard { index: 4, count: 5 });
        assert!(Shard::from_env(None, env(&[("SLURM_ARRAY_TASK_ID", "9"), ("SLURM_ARRAY_TASK_COUNT", "5")])).is_err());
        assert_eq!(Shard::from_env(None, env(&[])).unwrap(), None);
        assert!(Shard::from_env(Some(4), env(&[])).is_err());
    }
}
