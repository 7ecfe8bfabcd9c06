//! Many workers, one result: shards merged byte for byte into a single run's output,
//! one writer per output folder, a killed run resumed, and clear errors for an output
//! folder that cannot be written.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

fn bin() -> Command {
    isolated(env!("CARGO_BIN_EXE_vnbrief"))
}

/// A command with an empty model cache and no scheduler in its environment.
fn isolated(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("HF_HOME", PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-hf-home"))
        .env_remove("HF_HUB_CACHE")
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("SLURM_ARRAY_TASK_COUNT");
    cmd
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The shipped samples plus what a real folder has: a file that cannot be read, a file
/// type vnbrief skips, two reports that share a name but not an extension.
fn mixed_input(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    copy_dir(&repo().join("data/samples"), &input);
    std::fs::write(input.join("hong.txt"), [0xffu8, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0x41]).unwrap();
    std::fs::write(input.join("bang-tinh.csv"), "a,b\n1,2\n").unwrap();
    let report = "UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2024. Đồng chí Lê Văn Minh, Chủ tịch UBND tỉnh chủ trì hội nghị.\n";
    std::fs::write(input.join("trung.txt"), report).unwrap();
    std::fs::write(input.join("trung.md"), format!("# Hội nghị\n\n{report}")).unwrap();
    input
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every output file's bytes, by path, leaving out the shard indexes and the database
/// (binary, with file times; the CSVs made from it are compared); `index.json` with its
/// timings (the one per-run part) blanked.
fn outputs(out: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(out)
        .into_iter()
        .filter(|rel| !rel.starts_with("shards/") && rel != "vnbrief.sqlite")
        .map(|rel| {
            let bytes = std::fs::read(out.join(&rel)).unwrap();
            let bytes = if rel == "index.json" { blank_timings(&bytes) } else { bytes };
            (rel, bytes)
        })
        .collect()
}

fn blank_timings(index: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(index.to_vec()).unwrap();
    let start = text.find("\"timings\": {").expect("index.json has timings");
    let end = start + text[start..].find('}').unwrap();
    format!("{}\"timings\": {{}}{}", &text[..start], &text[end + 1..]).into_bytes()
}

#[test]
fn shards_merged_are_a_single_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let input = mixed_input(dir.path());
    // The classifier runs (so the test covers its batching); one thread everywhere, as
    // docs/scale-out.md asks of every shard.
    let common = ["--threads", "1", "--quiet"];
    let single = dir.path().join("single");
    let run = bin().args(common).args(["run", s(&input), "--out", s(&single)]).output().unwrap();
    assert_eq!(run.status.code(), Some(3), "one document fails: {}", stderr(&run));
    let expected = outputs(&single);
    assert!(expected.iter().any(|(rel, _)| rel == "quan-su/hoi-nghi-quan-su-2024.json" || rel.starts_with("quan-su/")));
    assert!(expected.iter().any(|(rel, _)| rel == "trung.txt.json") && expected.iter().any(|(rel, _)| rel == "trung.md.json"));
    assert!(read_json(&single.join("index.json"))["entries"].as_array().unwrap().iter().any(|e| e["source"] == "hong.txt" && e["status"] == "failed"));

    for n in [1u32, 3, 7] {
        let out = dir.path().join(format!("shards-{n}"));
        // N separate processes at once, into one folder, as a scheduler would start them.
        let workers: Vec<_> = (0..n)
            .map(|k| {
                bin().args(common)
                    .args(["run", s(&input), "--out", s(&out), "--shard", &format!("{k}/{n}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut taken = 0;
        for worker in workers {
            let done = worker.wait_with_output().unwrap();
            assert!(matches!(done.status.code(), Some(0) | Some(3)), "{}", stderr(&done));
            taken += 1;
        }
        assert_eq!(taken, n);
        for k in 0..n {
            assert!(out.join(format!("shards/{k}-of-{n}.json")).is_file(), "shard {k}/{n} left its index");
        }
        let merge = bin().args(["merge", s(&out), "--quiet"]).output().unwrap();
        assert_eq!(merge.status.code(), Some(3), "{}", stderr(&merge));
        let got = outputs(&out);
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>();
        assert_eq!(names(&got), names(&expected), "{n} shards: the same files");
        for ((rel, a), (_, b)) in expected.iter().zip(&got) {
            assert!(a == b, "{n} shards: {rel} differs from the single run's");
        }
    }
}

#[test]
fn every_document_goes_to_exactly_one_shard_and_the_scheduler_picks_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = mixed_input(dir.path());
    let list = |extra: &[&str], envs: &[(&str, &str)]| -> Vec<String> {
        let mut cmd = bin();
        cmd.args(["run", s(&input), "--out", s(&dir.path().join("out")), "--dry-run"]).args(extra);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).lines().map(str::to_string).collect()
    };
    let all = list(&[], &[]);
    assert_eq!(all.len(), 15, "{all:?}");
    assert!(!dir.path().join("out").exists(), "--dry-run writes nothing");
    let mut union = Vec::new();
    for k in 0..3 {
        let part = list(&["--shard", &format!("{k}/3")], &[]);
        // Kubernetes: the index from the environment, the count from --shards.
        assert_eq!(list(&["--shards", "3"], &[("JOB_COMPLETION_INDEX", &k.to_string())]), part);
        // Slurm: an array counted from 1.
        let slurm = [("SLURM_ARRAY_TASK_ID", &(k + 1).to_string()[..]), ("SLURM_ARRAY_TASK_COUNT", "3"), ("SLURM_ARRAY_TASK_MIN", "1")];
        assert_eq!(list(&[], &slurm), part);
        union.extend(part);
    }
    union.sort();
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(union, sorted, "the shards' shares cover every file once");

    let bad = bin().args(["run", s(&input), "--out", "x", "--shard", "3/3"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("from 0 to 2"), "{}", stderr(&bad));
    let missing = bin().args(["run", s(&input), "--out", "x", "--shards", "3", "--dry-run"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2), "--shards without JOB_COMPLETION_INDEX");
}

#[test]
fn merge_refuses_an_incomplete_set_of_shards() {
    let dir = tempfile::tempdir().unwrap();
    let input = mixed_input(dir.path());
    let out = dir.path().join("out");
    let run = bin().args(["run", s(&input), "--out", s(&out), "--no-classify", "--quiet", "--shard", "1/3"]).output().unwrap();
    assert!(matches!(run.status.code(), Some(0) | Some(3)), "{}", stderr(&run));
    assert!(!out.join("index.json").exists(), "a shard writes no index.json");
    let merge = bin().args(["merge", s(&out)]).output().unwrap();
    assert_eq!(merge.status.code(), Some(1));
    let err = stderr(&merge);
    assert!(err.contains("0-of-3.json") && err.contains("--shard 0/3"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!out.join("index.json").exists());
}

#[test]
fn a_second_writer_is_stopped_at_once_and_a_dead_ones_lock_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let input = mixed_input(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let args = ["run", s(&input), "--out", s(&out), "--no-classify", "--quiet"];
    {
        // This test process holds the folder as a running `vnbrief run` would.
        let _held = vnbrief::lock::OutputLock::acquire(&out, "run").unwrap();
        let second = bin().args(args).output().unwrap();
        assert_eq!(second.status.code(), Some(1));
        let err = stderr(&second);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("pid {}", std::process::id())) && err.contains(&vnbrief::lock::hostname()), "{err}");
        assert!(files_under(&out).iter().all(|f| f == ".vnbrief-run.lock"), "it wrote nothing: {:?}", files_under(&out));
        // Another shard is another writer.
        let shard = bin().args(args).args(["--shard", "0/2"]).output().unwrap();
        assert!(matches!(shard.status.code(), Some(0) | Some(3)), "{}", stderr(&shard));
    }
    // A lock file whose process is gone (killed, or on a machine that rebooted).
    std::fs::write(out.join(".vnbrief-run.lock"), "pid 4194303 on host gone, since 2026-01-01 00:00:00 UTC\n").unwrap();
    let again = bin().args(args).output().unwrap();
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    assert!(!out.join(".vnbrief-run.lock").exists(), "the lock goes with its run");
}

#[test]
fn a_killed_run_resumes_redoing_only_what_was_missing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let samples: Vec<PathBuf> = files_under(&repo().join("data/samples"))
        .into_iter()
        .filter(|r| r.ends_with(".txt"))
        .map(|r| repo().join("data/samples").join(r))
        .collect();
    // Enough documents that the run is still going after its first chunk is written.
    for i in 0..480 {
        let text = std::fs::read_to_string(&samples[i % samples.len()]).unwrap();
        let sub = input.join(format!("dot-{}", i % 4));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("bao-cao-{i:03}.txt")), format!("{text}\nBáo cáo số {i}/BC-UBND.\n")).unwrap();
    }
    let out = dir.path().join("out");
    let args = ["--threads", "2", "run", s(&input), "--out", s(&out), "--no-classify", "--quiet"];
    let mut child = bin().args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let written = |out: &Path| files_under(out).into_iter().filter(|f| f.ends_with(".json") && f != "index.json").count();
    let started = std::time::Instant::now();
    while written(&out) < 10 {
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed: make the input larger");
        assert!(started.elapsed().as_secs() < 300, "no document written in 5 minutes");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SIGKILL: no chance to clean up.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.join("index.json").exists(), "killed before the end");
    let done_before = written(&out);
    assert!(done_before < 480, "killed mid-way ({done_before} written)");
    // What a kill in the middle of a write leaves.
    std::fs::write(out.join("dot-0/.vnbrief-run.Xy12ab.tmp"), "{\"half\": ").unwrap();

    let resumed = bin().args(args).output().unwrap();
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    let index = read_json(&out.join("index.json"));
    assert_eq!(index["ok"], 480);
    assert_eq!(index["cached"].as_u64().unwrap() as usize, done_before, "every document written before the kill is kept, the others redone");
    let leftovers: Vec<String> = files_under(&out).into_iter().filter(|f| f.ends_with(".tmp") || f.ends_with(".lock")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Nothing lost: the same files as a run that was never stopped.
    let fresh = dir.path().join("fresh");
    let clean = bin().args(["--threads", "2", "run", s(&input), "--out", s(&fresh), "--no-classify", "--quiet"]).output().unwrap();
    assert!(clean.status.success());
    let docs = |out: &Path| -> Vec<(String, Vec<u8>)> {
        files_under(out).into_iter().filter(|f| f != "index.json" && f != "vnbrief.sqlite").map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap())).collect()
    };
    assert!(docs(&out) == docs(&fresh), "resumed output differs from an uninterrupted run's");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = mixed_input(dir.path());
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let run = bin().args(["run", s(&input), "--out", s(&file), "--no-classify"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is a file") && err.contains("a-file"), "{err}");

    // A read-only file system and a full disk, each a tmpfs mounted in a user namespace
    // (no root needed).
    if !Command::new("unshare").args(["-rm", "true"]).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped the read-only and full-disk cases: unshare -rm is not permitted here");
        return;
    }
    let in_namespace = |mount_opts: &str, out: &Path| {
        std::fs::create_dir_all(out).unwrap();
        let script = r#"mount -t tmpfs -o "$1" vnbrief-test "$2" && shift 2 && exec "$@""#;
        Command::new("unshare")
            .args(["-rm", "sh", "-c", script, "sh", mount_opts, s(out), env!("CARGO_BIN_EXE_vnbrief")])
            .args(["run", s(&input), "--out", s(out), "--no-classify", "--threads", "1"])
            .env("HF_HOME", dir.path().join("hf"))
            .output()
            .unwrap()
    };
    let ro = in_namespace("ro,size=1m", &dir.path().join("ro"));
    assert_eq!(ro.status.code(), Some(2), "{}", stderr(&ro));
    let err = stderr(&ro);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("read-only file system: choose a folder you can write to"), "{err}");

    let full = dir.path().join("full");
    let script = r#"mount -t tmpfs -o size=24k vnbrief-test "$1" && "$2" run "$3" --out "$1" --no-classify --threads 1; code=$?; find "$1" -type f | sed "s|^$1/||" > "$1.files"; for f in $(find "$1" -name '*.json'); do python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" || echo "bad $f" >> "$1.files"; done; exit $code"#;
    std::fs::create_dir_all(&full).unwrap();
    let run = Command::new("unshare")
        .args(["-rm", "sh", "-c", script, "sh", s(&full), env!("CARGO_BIN_EXE_vnbrief"), s(&input)])
        .env("HF_HOME", dir.path().join("hf"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let err = stderr(&run);
    assert_eq!(err.lines().filter(|l| l.contains("error")).count(), 1, "{err}");
    assert!(err.contains("the disk is full: free some space or choose another --out"), "{err}");
    // What was on the full disk when the run stopped: whole files only, no temporaries.
    let left = std::fs::read_to_string(dir.path().join("full.files")).unwrap();
    assert!(!left.contains(".tmp") && !left.contains("bad "), "{left}");
    assert!(!left.lines().any(|l| l == "index.json"), "{left}");
}

/// The Kubernetes manifests' commands and the Slurm scripts of docs/scale-out.md, run as
/// the scheduler would run them (its environment, the shared folder under a temp dir),
/// give a single run's output.
#[test]
fn the_documented_scheduler_setups_give_a_single_runs_output() {
    let dir = tempfile::tempdir().unwrap();
    // The volume the scheduler mounts at /data, with the reports in it; every run below
    // names them by this one path (index.json records it).
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(mixed_input(dir.path()), data.join("reports")).unwrap();
    let input = data.join("reports");
    let single = dir.path().join("single");
    let run = bin().args(["--threads", "2", "run", s(&input), "--out", s(&single), "--quiet"]).output().unwrap();
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    let expected = outputs(&single);
    let bin_dir = PathBuf::from(env!("CARGO_BIN_EXE_vnbrief")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());

    // Kubernetes: the container command of each manifest.
    let manifest = |name: &str| -> yaml_rust2::Yaml {
        let text = std::fs::read_to_string(repo().join("docs/scale-out").join(name)).unwrap();
        yaml_rust2::YamlLoader::load_from_str(&text).unwrap().remove(0)
    };
    let command_of = |name: &str| -> String {
        let job = manifest(name);
        let args = &job["spec"]["template"]["spec"]["containers"][0]["args"][0];
        args.as_str().unwrap_or_else(|| panic!("{name}: no container args")).replace("/data/", &format!("{}/", data.display()))
    };
    let completions = manifest("job.yaml")["spec"]["completions"].as_i64().unwrap() as u32;
    let worker = command_of("job.yaml");
    assert!(worker.contains(&format!("--shards {completions}")), "completions and --shards agree: {worker}");
    let pods: Vec<_> = (0..completions)
        .map(|k| {
            isolated("sh")
                .env("PATH", &path)
                .env("JOB_COMPLETION_INDEX", k.to_string())
                .args(["-c", &worker])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for pod in pods {
        let done = pod.wait_with_output().unwrap();
        assert!(done.status.success(), "{}", stderr(&done));
    }
    let merge = isolated("sh").env("PATH", &path).args(["-c", &command_of("merge.yaml")]).output().unwrap();
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert!(outputs(&data.join("vnbrief-out")) == expected, "the Kubernetes job's output differs from a single run's");

    // Slurm: an array of 3 tasks counted from 1, two CPUs each.
    let out = dir.path().join("slurm-out");
    let tasks: Vec<_> = (1..=3)
        .map(|id| {
            Command::new(repo().join("docs/scale-out/slurm-array.sh"))
                .envs([("SLURM_ARRAY_TASK_ID", id.to_string()), ("SLURM_ARRAY_TASK_MIN", "1".into()), ("SLURM_ARRAY_TASK_COUNT", "3".into())])
                .envs([("SLURM_CPUS_PER_TASK", "2"), ("VNBRIEF", env!("CARGO_BIN_EXE_vnbrief")), ("REPORTS", s(&input)), ("OUT", s(&out))])
                .env("HF_HOME", dir.path().join("hf"))
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for task in tasks {
        let done = task.wait_with_output().unwrap();
        assert!(done.status.success(), "{}", stderr(&done));
    }
    let merge = Command::new(repo().join("docs/scale-out/slurm-merge.sh"))
        .envs([("VNBRIEF", env!("CARGO_BIN_EXE_vnbrief")), ("OUT", s(&out))])
        .output()
        .unwrap();
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert!(outputs(&out) == expected, "the Slurm array's output differs from a single run's");
}
