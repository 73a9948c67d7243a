//! Order independence: the same documents give the same graph whatever order or split of
//! builds brought them in (issue 10, first fault).

use std::path::{Path, PathBuf};

use crate::support::{demo, fixtures, Env};

/// Builds `steps` (each one `relate build` of the given paths) into the store `name` of `env`
/// and returns its N-Quads export.
fn export_after(env: &Env, name: &str, steps: &[Vec<&Path>]) -> String {
    export_after_removing(env, name, steps, &[])
}

/// Like [`export_after`], then `relate remove` of `removed`.
fn export_after_removing(env: &Env, name: &str, steps: &[Vec<&Path>], removed: &[&Path]) -> String {
    let store = env.path(name);
    for paths in steps {
        let mut cmd = env.cmd();
        cmd.env("RELATE_STORE", &store).arg("build").args(paths);
        let o = cmd.output().expect("run relate build");
        assert!(o.status.success(), "build {paths:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
    if !removed.is_empty() {
        let o = env.cmd().env("RELATE_STORE", &store).arg("remove").args(removed).output().unwrap();
        assert!(o.status.success(), "remove {removed:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let o = env.cmd().env("RELATE_STORE", &store).args(["export", "--format", "nquads"]).output().unwrap();
    assert!(o.status.success());
    let check = env.cmd().env("RELATE_STORE", &store).arg("check").output().unwrap();
    assert!(check.status.success(), "relate check after {steps:?}: {}", String::from_utf8_lossy(&check.stdout));
    String::from_utf8(o.stdout).unwrap()
}

/// The corpus-like documents, copied under `a/` and `b/` of `env`; returns both directories and
/// every file.
fn corpus(env: &Env) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let (a, b) = (env.path("a"), env.path("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    // the corpus-like documents split in two: the news item about Dr. Maria Quellwater in one
    // directory, the profile of Maria T. Quellwater in the other
    let mut docs = Vec::new();
    for (from, to) in [
        (demo().join("halamka-leaves-hms-cio-news.txt"), a.join("halamka-leaves-hms-cio-news.txt")),
        (fixtures().join("news.txt"), a.join("news.txt")),
        (fixtures().join("okafor-news.txt"), a.join("okafor-news.txt")),
        (demo().join("halamka-mayo-clinic-profile.txt"), b.join("halamka-mayo-clinic-profile.txt")),
        (fixtures().join("profile.txt"), b.join("profile.txt")),
        (fixtures().join("varga-bio.md"), b.join("varga-bio.md")),
        (fixtures().join("varga-news.html"), b.join("varga-news.html")),
    ] {
        std::fs::copy(from, &to).unwrap();
        docs.push(to);
    }
    (a, b, docs)
}

#[test]
fn builds_in_any_order_or_split_give_byte_identical_exports() {
    let env = Env::new();
    let (a, b, docs) = corpus(&env);
    let all = export_after(&env, "all", &[vec![a.as_path(), b.as_path()]]);
    assert!(all.contains("Quellwater") && all.contains("Halamka"), "{all}");
    let a_b = export_after(&env, "a-then-b", &[vec![a.as_path()], vec![b.as_path()]]);
    let b_a = export_after(&env, "b-then-a", &[vec![b.as_path()], vec![a.as_path()]]);
    // one document at a time, shuffled with a fixed seed
    let mut order: Vec<&Path> = docs.iter().map(std::path::PathBuf::as_path).collect();
    let mut x: u64 = 0x0dde_4a11_2026_0010;
    for i in (1..order.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order.swap(i, (x % (i as u64 + 1)) as usize);
    }
    let steps: Vec<Vec<&Path>> = order.iter().map(|p| vec![*p]).collect();
    let one_by_one = export_after(&env, "one-by-one", &steps);
    assert!(all == a_b, "a/ then b/ differs from a/ b/ at once");
    assert!(all == b_a, "b/ then a/ differs from a/ b/ at once");
    assert!(all == one_by_one, "one document at a time in the order {order:?} differs from all at once");
}

#[test]
fn removing_documents_gives_the_graph_of_the_documents_left() {
    let env = Env::new();
    let (a, b, _) = corpus(&env);
    // the profile gives John D. Halamka his fullest name; without it the news names him anew
    let profile = b.join("halamka-mayo-clinic-profile.txt");
    let varga = b.join("varga-bio.md");
    let removed = export_after_removing(&env, "removed", &[vec![a.as_path(), b.as_path()]], &[&profile, &varga]);
    std::fs::remove_file(&profile).unwrap();
    std::fs::remove_file(&varga).unwrap();
    let left = export_after(&env, "left", &[vec![a.as_path(), b.as_path()]]);
    assert!(left.contains("Halamka"), "{left}");
    assert!(removed == left, "building all, then removing two documents differs from building the others");
}
